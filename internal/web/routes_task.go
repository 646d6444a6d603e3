package web

// taskRoutes are the pages and actions of task lists, tasks, My work and
// rescheduling.
func (s *server) taskRoutes() []route {
	return []route{}
}
