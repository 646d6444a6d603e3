package web

// planRoutes are the pages and actions of milestones and the hill chart.
func (s *server) planRoutes() []route {
	return []route{}
}
