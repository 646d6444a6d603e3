package web

// leadRoutes are the pages and actions of the lead-share rules and the
// leads they route.
func (s *server) leadRoutes() []route {
	return []route{}
}
