package store

import (
	"context"
	"strings"
	"unicode"

	"duet/internal/duet"
)

// SearchDoc is one searchable item: a message or a decision.
type SearchDoc struct {
	ItemID      string
	WorkspaceID string
	Kind        string // "message" or "decision"
	Visibility  duet.Visibility
	ChannelID   string
	Seq         int64
	Title       string
	Body        string // plain text
}

// IndexDoc adds or replaces an item in the search index.
func (tx *Tx) IndexDoc(ctx context.Context, d SearchDoc) error {
	if err := tx.UnindexDoc(ctx, d.ItemID); err != nil {
		return err
	}
	const insert = `INSERT INTO search_docs (item_id, workspace_id, kind, visibility, channel_id, seq, title, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`
	if tx.engine == Postgres {
		_, err := tx.exec(ctx, insert, d.ItemID, d.WorkspaceID, d.Kind, d.Visibility, d.ChannelID, d.Seq, d.Title, d.Body)
		return err
	}
	if _, err := tx.exec(ctx, insert, d.ItemID, d.WorkspaceID, d.Kind, d.Visibility, d.ChannelID, d.Seq, d.Title, d.Body); err != nil {
		return err
	}
	// RETURNING does not reach a virtual table's rowid; the connection's
	// last insert does, and the transaction holds the connection.
	_, err := tx.exec(ctx, `INSERT INTO search_ids (item_id, doc_rowid) VALUES ($1, last_insert_rowid())`, d.ItemID)
	return err
}

// UnindexDoc removes an item from the search index.
func (tx *Tx) UnindexDoc(ctx context.Context, itemID string) error {
	if tx.engine == Postgres {
		_, err := tx.exec(ctx, `DELETE FROM search_docs WHERE item_id = $1`, itemID)
		return err
	}
	if _, err := tx.exec(ctx, `DELETE FROM search_docs WHERE rowid = (SELECT doc_rowid FROM search_ids WHERE item_id = $1)`, itemID); err != nil {
		return err
	}
	_, err := tx.exec(ctx, `DELETE FROM search_ids WHERE item_id = $1`, itemID)
	return err
}

// Snippet markers: search engines mark matches with these, and the
// caller escapes the text before turning them into <mark>, so a snippet
// can never carry markup from the text itself.
const (
	MarkStart = "\x01"
	MarkEnd   = "\x02"
)

// The search queries: $1 workspace, $2 side, $3 the match expression,
// $4 limit. Snippets carry MarkStart/MarkEnd around matches.
const (
	searchPostgres = `SELECT item_id, kind, channel_id, seq, title,
			ts_headline('english', body, to_tsquery('english', $3), 'StartSel=` + MarkStart + `, StopSel=` + MarkEnd + `, MaxWords=24, MinWords=8, MaxFragments=1')
		FROM search_docs WHERE workspace_id = $1 AND visibility IN ('shared', $2) AND tsv @@ to_tsquery('english', $3)
		ORDER BY ts_rank(tsv, to_tsquery('english', $3)) DESC, seq DESC LIMIT $4`
	searchSQLite = `SELECT item_id, kind, channel_id, seq, title, snippet(search_docs, 7, '` + MarkStart + `', '` + MarkEnd + `', '…', 16)
		FROM search_docs WHERE search_docs MATCH $3 AND workspace_id = $1 AND visibility IN ('shared', $2)
		ORDER BY bm25(search_docs, 0, 0, 0, 0, 0, 0, 4.0, 1.0), seq DESC LIMIT $4`
)

// Search finds a workspace's messages and decisions matching q that side
// may see, best first, at most limit. Every term is required, each as a
// prefix.
func (tx *Tx) Search(ctx context.Context, wsID string, side duet.Side, q string, limit int) ([]duet.SearchHit, error) {
	terms := searchTerms(q)
	if len(terms) == 0 {
		return nil, nil
	}
	query, match := searchSQLite, make([]string, len(terms))
	for i, t := range terms {
		match[i] = `"` + t + `"*` // an FTS5 prefix phrase
	}
	sep := " "
	if tx.engine == Postgres {
		query, sep = searchPostgres, " & "
		for i, t := range terms {
			match[i] = t + ":*"
		}
	}
	return tx.searchRows(ctx, query, wsID, side, strings.Join(match, sep), limit)
}

func (tx *Tx) searchRows(ctx context.Context, q string, args ...any) ([]duet.SearchHit, error) {
	var out []duet.SearchHit
	err := tx.each(ctx, q, args, func(scan func(...any) error) error {
		var h duet.SearchHit
		if err := scan(&h.ItemID, &h.Kind, &h.ChannelID, &h.Seq, &h.Title, &h.Snippet); err != nil {
			return err
		}
		out = append(out, h)
		return nil
	})
	return out, err
}

// searchTerms splits a query into at most eight words of letters and
// digits: neither engine's query syntax is exposed to users.
func searchTerms(q string) []string {
	words := strings.FieldsFunc(strings.ToLower(q), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) > 8 {
		words = words[:8]
	}
	return words
}
