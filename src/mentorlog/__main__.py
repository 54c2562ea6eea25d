from mentorlog.launch import main

main()
