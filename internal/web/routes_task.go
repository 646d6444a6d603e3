package web

// taskRoutes are the pages and actions of task lists, tasks, My work and
// rescheduling.
func (s *server) taskRoutes() []route {
	return []route{
		{"GET /w/{ws}/lists", s.signedIn(s.tasklistList)},
		{"POST /w/{ws}/lists", s.signedIn(s.tasklistCreate)},
		{"GET /w/{ws}/lists/{list}", s.signedIn(s.tasklistShow)},
		{"POST /w/{ws}/lists/{list}", s.signedIn(s.tasklistUpdate)},
		{"POST /w/{ws}/lists/{list}/move", s.signedIn(s.tasklistMove)},

		{"POST /w/{ws}/tasks", s.signedIn(s.taskCreate)},
		{"GET /w/{ws}/tasks/{task}", s.signedIn(s.taskShow)},
		{"POST /w/{ws}/tasks/{task}", s.signedIn(s.taskUpdate)},
		{"POST /w/{ws}/tasks/{task}/status", s.signedIn(s.taskStatus)},
		{"POST /w/{ws}/tasks/{task}/checklist", s.signedIn(s.checklistAdd)},
		{"POST /w/{ws}/tasks/{task}/checklist/{item}", s.signedIn(s.checklistCheck)},
		{"POST /w/{ws}/tasks/{task}/comments", s.signedIn(s.taskComment)},
		{"POST /w/{ws}/tasks/{task}/move", s.signedIn(s.taskMove)},

		{"GET /my", s.signedIn(s.myworkShow)},

		{"GET /w/{ws}/reschedule", s.signedIn(s.rescheduleShow)},
		{"POST /w/{ws}/reschedule/preview", s.signedIn(s.reschedulePreview)},
		{"POST /w/{ws}/reschedule", s.signedIn(s.rescheduleApply)},
	}
}
