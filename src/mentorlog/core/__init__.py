"""Business rules: creating and changing entries. Never prints; raises MentorlogError."""
