package web

// docRoutes are the pages and actions of the campaign brief and the RACI
// matrix.
func (s *server) docRoutes() []route {
	return []route{}
}
