package web

import "duet/internal/coretest"

// leadMatrix is the authorization matrix of the rules and the leads.
func leadMatrix(f *coretest.Fixture) []matrixRow {
	return nil
}
