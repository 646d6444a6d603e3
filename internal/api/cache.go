package api

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"strconv"
	"sync"

	"duet/internal/duet"
)

// bodyCache keeps the encoded JSON of workspace structures. A key holds
// everything the body depends on: the workspace, the viewer's side, the
// workspace version and the next check-in times (which move with the
// clock), so a cached body is always the one that would be encoded now.
type bodyCache struct {
	mu      sync.Mutex
	entries map[string]cachedBody
}

type cachedBody struct {
	body    []byte
	gzipped []byte // the same body, gzip-compressed once
	etag    string
}

const bodyCacheMax = 1024

func bodyKey(d *duet.WorkspaceDetail) string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s/%s/%d", d.ID, d.Side, d.Version)
	for _, c := range d.CheckIns {
		b.WriteByte('/')
		b.WriteString(strconv.FormatInt(c.NextAt.Unix(), 36))
	}
	return b.String()
}

// workspaceBody returns the encoded structure and its ETag.
func (c *bodyCache) workspaceBody(d *duet.WorkspaceDetail) (cachedBody, error) {
	key := bodyKey(d)
	c.mu.Lock()
	e, ok := c.entries[key]
	c.mu.Unlock()
	if ok {
		return e, nil
	}
	body, err := json.Marshal(toWorkspace(d))
	if err != nil {
		return cachedBody{}, err
	}
	body = append(body, '\n')
	h := fnv.New64a()
	h.Write(body)
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression) // a valid level never fails
	zw.Write(body)
	if err := zw.Close(); err != nil {
		return cachedBody{}, err
	}
	e = cachedBody{body: body, gzipped: gz.Bytes(), etag: fmt.Sprintf(`"%x"`, h.Sum64())}
	c.mu.Lock()
	if c.entries == nil || len(c.entries) >= bodyCacheMax {
		c.entries = map[string]cachedBody{}
	}
	c.entries[key] = e
	c.mu.Unlock()
	return e, nil
}
