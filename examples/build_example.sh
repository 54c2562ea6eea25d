#!/usr/bin/env bash
# Rebuilds examples/journal through the real CLI, one dated step at a time.
# Ids are random, so a rebuild gives new file names; the committed journal is the reference.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
J="$here/journal"
rm -rf "$J"
m() { MENTORLOG_AUTHOR="Priya Shah" MENTORLOG_TODAY="$1" mentorlog -j "$J" "${@:2}" >/dev/null; }
MENTORLOG_TODAY=2026-05-25 mentorlog init "$J" --owner "Priya Shah" --mentor "Daniel Okafor" --cadence 30 >/dev/null

m 2026-05-25 goal add "Give a talk at the regional meetup" \
  --what "A 20-minute talk on our event-sourcing migration at the Leeds dev meetup" \
  --measure "Talk delivered; at least 5 feedback cards collected" --target "One talk, 20 minutes" \
  --why "Speaking is the skill holding me back from a staff role" --due 2026-09-30 \
  -m "Pitch accepted by the organisers" -m "Outline reviewed by Daniel" -m "Dry run with the team" \
  -t speaking
m 2026-05-25 goal add "Lead the billing service migration" \
  --what "Own the plan and the cut-over of billing from the monolith to its own service" \
  --measure "Share of billing traffic served by the new service" --target "100% with no P1 incident" \
  --why "Leading a cross-team project is the next step in my growth plan" --due 2026-12-15 \
  -m "Design doc approved" -t leadership
m 2026-05-25 goal milestone lead-the-billing "Shadow traffic at 10%" --due 2026-10-01
m 2026-05-25 goal milestone lead-the-billing "Cut-over complete" --due 2026-12-15
m 2026-05-26 goal add "Take code review feedback without getting defensive" \
  --what "Answer review comments with questions before arguing" -t communication

m 2026-05-28 session add --mentor "Daniel Okafor" --duration 60 --title "Kick-off: expectations and goals" \
  --topic "Expectations" --topic "Meeting cadence" --topic "Confidentiality" \
  --goal give-a-talk --goal lead-the-billing \
  --notes $'Agreed to meet monthly, 60 minutes, video call.\nWhat we discuss stays between us unless I choose to share it.\nDaniel asked me to make the code review goal measurable before next time.' \
  --action "Send Daniel the meetup call for papers" --action "Draft a measure for the code review goal" \
  --next 2026-06-18
m 2026-05-30 action done "send daniel"
m 2026-05-29 ask "How do I say no to extra work while leading the migration?"
m 2026-06-02 goal progress give-a-talk 10 --note "Pitch sent to the organisers"
m 2026-06-10 goal achieve give-a-talk 1
m 2026-06-10 goal progress give-a-talk 25 --note "Pitch accepted for the September meetup"
m 2026-06-12 goal edit take-code-review --measure "Reviews where I asked a question before replying, out of 10" --due 2026-11-30
m 2026-06-12 action done "draft a measure"
m 2026-06-12 goal progress take-code-review 10 --note "Started a tally in my notebook"

m 2026-06-18 session add --duration 55 --title "Talk outline and saying no" --topic "Talk outline" --topic "Workload" \
  --goal give-a-talk --notes $'Walked through the outline: too much history, not enough of the failure we hit.\nOn saying no: offer a trade-off ("I can do X if Y moves") instead of a flat no.' \
  --action "Rewrite the outline around the incident" --next 2026-07-16
m 2026-06-19 reflect --goal give-a-talk "I over-explain when I am nervous. Cutting the history section made the story clearer, and I would not have seen it alone."
m 2026-07-01 action done "rewrite the outline"
m 2026-06-20 goal progress lead-the-billing 15 --note "Design doc drafted, two rounds of comments"

m 2026-07-09 goal achieve lead-the-billing 1
m 2026-07-09 goal progress lead-the-billing 30 --note "Design doc approved by the architecture group"
m 2026-07-16 session add --duration 60 --title "Design review retro" --topic "Design review" --topic "Stakeholders" \
  --goal lead-the-billing --goal take-code-review \
  --notes $'The design review went well; I got defensive once when the SRE lead questioned the rollback plan.\nDaniel: write the question down, answer it next day.' \
  --action "Book a dry run slot with the team" --action "Write up the rollback plan properly" --next 2026-08-13
m 2026-07-17 feedback add --received --from "Daniel Okafor" --goal take-code-review \
  --situation "Design review, 14 July" --behaviour "Interrupted the SRE lead to defend the rollback plan" \
  --impact "The discussion got tense and the real concern (data backfill) came out late" \
  --strength "Knew the design inside out" --improve "Let the question finish, then ask what worry is behind it"
m 2026-07-20 goal progress take-code-review 30 --note "4 of 10 reviews: asked first"
m 2026-08-01 action done "write up the rollback"
m 2026-07-30 ask "Should I present the talk with slides or live code?"

m 2026-08-13 session add --duration 45 --title "Dry run plan" --topic "Dry run" --topic "Slides vs live code" \
  --goal give-a-talk --notes $'Slides for the story, one 3-minute live demo at most.\nDry run booked for 3 September.' \
  --discussed 'should i' --action "Cut the talk to 20 minutes" --next 2026-09-10
m 2026-08-14 action done 'book a dry run'
m 2026-08-20 goal progress give-a-talk 60 --note "Slides done, 24 minutes long"
m 2026-08-25 goal progress lead-the-billing 40 --note "Shadow traffic harness built"
m 2026-09-02 action done "cut the talk"
m 2026-09-03 goal achieve give-a-talk 3
m 2026-09-03 goal progress give-a-talk 80 --note "Dry run: team liked the incident story; 21 minutes"
m 2026-09-04 feedback add --given --to "Tom Becker" --situation "Tom's first on-call handover" \
  --behaviour "Wrote a clear timeline of the night's incidents" --impact "The day shift picked up without a single question" \
  --strength "Clear, timestamped notes"

m 2026-09-10 session add --duration 60 --title "Final talk prep" --topic "Talk" --topic "Nerves" \
  --goal give-a-talk --goal lead-the-billing --notes $'Daniel shared how he handles nerves: arrive early, walk the stage, talk to two people in the audience first.\nBilling: shadow traffic is slipping, the payments team is blocked on a schema change.' \
  --action "Ask the payments lead for a date on the schema change" --next 2026-10-08
m 2026-09-15 action done "ask the payments"
m 2026-09-24 goal achieve give-a-talk 2
m 2026-09-25 goal progress give-a-talk 100 --note "Gave the talk! 31 feedback cards, most asked for the slides"
m 2026-09-25 goal achieve give-a-talk --note "Delivered at the Leeds meetup"
m 2026-09-26 reflect --goal give-a-talk "$(printf 'What went well: the incident story landed; people laughed at the right place.\nWhat did I learn about myself: preparing early beats willpower.\nWhat will I do differently: rehearse the Q&A as much as the talk.')"
m 2026-09-27 feedback add --received --from "Meetup organisers" --goal give-a-talk \
  "Great energy and a real story. Several people asked for the slides." --strength "Storytelling" --improve "Q&A answers ran long"

m 2026-10-08 session add --duration 50 --title "Celebrating the talk; billing slip" --topic "Talk retrospective" --topic "Billing schedule" \
  --goal give-a-talk --goal lead-the-billing --notes $'Celebrated the talk. Daniel suggested submitting it to a national conference.\nBilling: the shadow traffic milestone is late; agreed to renegotiate the date with my manager rather than work weekends.' \
  --action "Renegotiate the billing milestone date with my manager" --action "Submit the talk to one conference" --next 2026-11-05
m 2026-10-10 goal progress lead-the-billing 50 --note "Schema change landed; shadow traffic at 2%"
m 2026-10-15 action done "renegotiate"
m 2026-10-12 goal progress take-code-review 50 --note "6 of 10: asked first; still bristle at style nits"
m 2026-10-14 reflect --goal take-code-review "Style nits still sting. Reading them as the reviewer's preference, not a verdict on me, helps."
m 2026-10-20 ask "How do I give feedback to a senior colleague whose reviews are harsh?"

m 2026-11-05 session add --duration 60 --title "Feedback upwards" --topic "Feedback to seniors" --topic "Billing cut-over plan" \
  --goal lead-the-billing --goal take-code-review --discussed 'how do i give' \
  --notes $'Practised situation-behaviour-impact for the harsh reviewer, in private, one example, ask for their view.\nBilling cut-over planned for early December.' \
  --action "Have the feedback conversation with the senior reviewer" --action "Write the cut-over runbook" --next 2026-12-03
m 2026-11-07 feedback add --given --to "Marek Novak" --goal take-code-review \
  --situation "Review of my billing PR, 3 November" --behaviour "Comments said 'wrong' without saying why" \
  --impact "I spent a day guessing what you wanted" --improve "Say what you would do instead"
m 2026-11-07 action done "have the feedback"
m 2026-11-10 goal progress lead-the-billing 60 --note "Shadow traffic at 8%, no errors"
m 2026-11-12 reflect "$(printf 'What went well: the conversation with Marek was calmer than I feared.\nWhat new skills have I acquired: situation-behaviour-impact, and waiting before replying.')"
m 2026-11-18 session add --duration 30 --title "Quick check-in before the cut-over" --topic "Runbook review" \
  --goal lead-the-billing --notes "Short call. Runbook reviewed; Daniel suggested a go/no-go checklist." \
  --action "Add a go/no-go checklist to the runbook" --next 2026-12-03
m 2026-11-19 ask "What should I do in my first week after the migration ships?"
m 2026-11-20 goal progress take-code-review 70 --note "8 of 10 last month"

# A short, second relationship: storytelling coaching before the talk, concluded with a retrospective.
m 2026-07-01 mentor add "Maya Lindqvist" --started 2026-07-01 --cadence 14 \
  --expectations "Three sessions on storytelling before the meetup talk" --boundaries "Talk preparation only"
m 2026-08-27 session add --mentor "Maya Lindqvist" --duration 45 --title "Storytelling rehearsal" \
  --topic "Opening" --topic "Pacing" --goal give-a-talk \
  --notes $'Open with the incident, not the architecture.\nPause after the punchline; count to three.'
m 2026-09-30 mentor conclude "Maya Lindqvist" --retrospective "$(printf 'What was achieved?\nThe talk landed: 31 feedback cards.\n\nWhat did you learn?\nA story needs one villain; ours was the backfill.\n\nWhat will you carry forward?\nRehearse out loud, twice, a week early.\n\nWho and what would you like to thank?\nMaya, for the rehearsals and the honest notes.')"

# Both sides of the relationship: a review of how it is going, a promise of Daniel's, a win.
printf 'Monthly is right; a short call before big moments helps.\nMostly: I let the rollback write-up slip.\nYes, the migration and the reviews.\nA standing agenda we both add to.\n' \
  | MENTORLOG_AUTHOR="Priya Shah" MENTORLOG_TODAY=2026-11-18 mentorlog -j "$J" mentor review daniel >/dev/null
m 2026-11-18 action add "Introduce me to the SRE lead who ran the last cut-over" --owner daniel \
  --goal lead-the-billing --due 2026-11-21
m 2026-09-25 win "Gave the meetup talk to 60 people" --goal give-a-talk

# Each side scores the relationship: Priya in her journal, Daniel in his clone (one category
# two apart: `mentor show daniel` names it).
MENTORLOG_AUTHOR="Priya Shah" MENTORLOG_TODAY=2026-11-18 mentorlog -j "$J" mentor review daniel \
  --score trust=5 --score communication=4 --score progress=3 --score rhythm=4 --score fit=5 </dev/null >/dev/null
MENTORLOG_AUTHOR="Daniel Okafor" MENTORLOG_TODAY=2026-11-19 mentorlog -j "$J" mentor review daniel \
  --score trust=5 --score communication=4 --score progress=5 --score rhythm=4 --score fit=5 </dev/null >/dev/null
