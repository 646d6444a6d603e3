package core

import (
	"sync"

	"duet/internal/duet"
)

// detailCache keeps each workspace's loaded structure per side, tagged
// with the workspace version it was read at. A reader that sees a newer
// version reloads; nothing is ever served for a version it was not read at.
type detailCache struct {
	mu      sync.Mutex
	max     int
	entries map[detailKey]detailEntry
}

type detailKey struct {
	workspace string
	side      duet.Side
}

type detailEntry struct {
	version int64
	detail  *duet.WorkspaceDetail
}

func newDetailCache(max int) *detailCache {
	return &detailCache{max: max, entries: map[detailKey]detailEntry{}}
}

func (c *detailCache) get(id string, side duet.Side, version int64) *duet.WorkspaceDetail {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[detailKey{id, side}]; ok && e.version == version {
		return e.detail
	}
	return nil
}

func (c *detailCache) put(id string, side duet.Side, version int64, d *duet.WorkspaceDetail) {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := detailKey{id, side}
	if e, ok := c.entries[k]; ok && e.version > version {
		return // a concurrent reader already stored a newer one
	}
	if len(c.entries) >= c.max {
		clear(c.entries) // simple and rare: a node serves few live workspaces
	}
	c.entries[k] = detailEntry{version, d}
}
