// Package templates holds the built-in campaign templates and reads,
// checks and registers template files.
//
// A template file is YAML that decodes into duet.Template. Parse reports
// every problem it finds as an Issue pointing at a line of the file:
// syntax errors, unknown fields, values of the wrong type and everything
// duet.Template.Validate rejects.
package templates

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"duet/internal/duet"
)

//go:embed *.yaml
var builtin embed.FS

// DefaultKey is the key of the built-in Partner Co-Marketing template,
// listed before every other template.
const DefaultKey = "partner-co-marketing"

// Issue is one problem found in a template file.
type Issue struct {
	File string
	Line int    // 1-based; 0 when the problem is not tied to a line
	Path string // e.g. task_lists[1].tasks[0].dri; empty for the whole file
	Msg  string
}

// String returns "FILE:LINE: path: message". The path part is left out
// when Path is empty, and the line part when Line is 0.
func (i Issue) String() string {
	var b strings.Builder
	b.WriteString(i.File)
	if i.Line > 0 {
		b.WriteString(":")
		b.WriteString(strconv.Itoa(i.Line))
	}
	b.WriteString(": ")
	if i.Path != "" {
		b.WriteString(i.Path)
		b.WriteString(": ")
	}
	b.WriteString(i.Msg)
	return b.String()
}

// Parse decodes one template file and checks it. It returns the template
// (nil when the file cannot be decoded at all) and every issue found,
// ordered by line. A template is only usable when there are no issues.
func Parse(file string, data []byte) (*duet.Template, []Issue) {
	p := &parse{file: file}
	t := p.run(data)
	sort.SliceStable(p.issues, func(a, b int) bool { return p.issues[a].Line < p.issues[b].Line })
	return t, p.issues
}

// ValidateFile reads a template file from disk and returns Parse's issues.
// A file that cannot be read gives a single issue without a line.
func ValidateFile(name string) []Issue {
	data, err := os.ReadFile(name)
	if err != nil {
		return []Issue{{File: name, Msg: readError(err)}}
	}
	_, issues := Parse(name, data)
	return issues
}

func readError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		// The file name is already the first part of the issue.
		return "cannot read: " + pe.Err.Error()
	}
	return "cannot read: " + err.Error()
}

// parse is the state of one Parse call.
type parse struct {
	file   string
	issues []Issue
	broken []string     // paths whose value had the wrong shape
	budget int          // nodes the walk may still visit
	dups   []*yaml.Node // mappings with a repeated field
	blanks []blank      // values of the wrong shape
}

func (p *parse) add(line int, path, format string, args ...any) {
	p.issues = append(p.issues, Issue{File: p.file, Line: line, Path: path, Msg: fmt.Sprintf(format, args...)})
}

// A walk over the node tree visits at most this many nodes, so a file
// that nests aliases cannot make it run for ever.
const walkBudget = 200000

func (p *parse) run(data []byte) *duet.Template {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			p.add(0, "", "the file is empty; a template needs at least key, name, description and roles")
		} else {
			p.syntaxError(err)
		}
		return nil
	}
	var more yaml.Node
	switch err := dec.Decode(&more); {
	case err == io.EOF:
	case err != nil:
		p.syntaxError(err)
		return nil
	default:
		// A trailing "---" with nothing after it is harmless.
		if len(more.Content) > 0 && !isNull(more.Content[0]) {
			p.add(more.Content[0].Line, "", "a file holds one template; remove the second YAML document (after ---)")
		}
	}

	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	root = resolve(root)
	if root == nil || root.Kind != yaml.MappingNode {
		line := 1
		if root != nil && root.Line > 0 {
			line = root.Line
		}
		p.add(line, "", "a template must be a mapping of fields (key: value), not %s", describe(root))
		return nil
	}

	p.budget = walkBudget
	p.walk(nil, reflect.TypeFor[duet.Template](), "", root.Line, root)
	if p.budget < 0 {
		return nil
	}

	// A value of the wrong shape has been reported; decode it as absent.
	for _, b := range p.blanks {
		*b.slot = zeroNode(b.t, *b.slot)
	}
	// The decoder gives up on a mapping with a repeated key; the walk has
	// reported those, so keep only the last value, as YAML readers do.
	for _, m := range p.dups {
		dedupe(m)
	}

	var t duet.Template
	if err := root.Decode(&t); err != nil && len(p.issues) == 0 {
		// The walk mirrors the decoder, so this is not expected; keep
		// whatever the decoder says rather than lose it.
		p.decodeError(err)
		return nil
	}

	for _, pr := range t.Validate() {
		if p.underBroken(pr.Path) {
			continue
		}
		p.add(lineOf(root, pr.Path), pr.Path, "%s", pr.Msg)
	}
	return &t
}

var lineMsg = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

func (p *parse) syntaxError(err error) {
	msg := err.Error()
	if m := lineMsg.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		p.add(n, "", "invalid YAML: %s", m[2])
		return
	}
	p.add(0, "", "invalid YAML: %s", strings.TrimPrefix(msg, "yaml: "))
}

func (p *parse) decodeError(err error) {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		p.syntaxError(err)
		return
	}
	for _, e := range te.Errors {
		if m := lineMsg.FindStringSubmatch(e); m != nil {
			n, _ := strconv.Atoi(m[1])
			p.add(n, "", "%s", m[2])
		} else {
			p.add(0, "", "%s", e)
		}
	}
}

// markBroken records that the value at path, held in *slot, has the wrong
// shape.
func (p *parse) markBroken(path string, slot **yaml.Node, t reflect.Type) {
	p.broken = append(p.broken, path)
	if slot != nil {
		p.blanks = append(p.blanks, blank{slot, t})
	}
}

// blank is a value of the wrong shape, to be replaced by the zero value of
// its type before decoding.
type blank struct {
	slot **yaml.Node
	t    reflect.Type
}

// zeroNode returns a node that decodes into the zero value of t. A null
// would not do: the decoder drops a null from a list of structs.
func zeroNode(t reflect.Type, at *yaml.Node) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Line: at.Line, Column: at.Column}
	switch t.Kind() {
	case reflect.Struct:
		n.Kind, n.Tag = yaml.MappingNode, "!!map"
	case reflect.Slice:
		n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
	case reflect.Map:
		n.Kind, n.Tag = yaml.MappingNode, "!!map"
	case reflect.Bool:
		n.Tag, n.Value = "!!bool", "false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n.Tag, n.Value = "!!int", "0"
	case reflect.Float32, reflect.Float64:
		n.Tag, n.Value = "!!float", "0"
	default:
		n.Tag, n.Style = "!!str", yaml.DoubleQuotedStyle
	}
	return n
}

// underBroken reports whether path is at or below a value that had the
// wrong shape; Validate's view of it would only repeat that issue.
func (p *parse) underBroken(path string) bool {
	for _, b := range p.broken {
		if path == b || strings.HasPrefix(path, b+".") || strings.HasPrefix(path, b+"[") {
			return true
		}
	}
	return false
}

// walk checks that node n fits Go type t: mappings for structs (with no
// unknown or repeated fields), lists for slices, scalars of the right
// kind for strings, numbers and booleans. line is where the value is
// named in the file: the key's line, or the list item's line.
//
// slot is where the parent holds n (nil for the root), so that a value of
// the wrong shape can be blanked before decoding: the decoder would drop
// it from a list and shift the indexes of the items after it.
func (p *parse) walk(slot **yaml.Node, t reflect.Type, at string, line int, n *yaml.Node) {
	if !p.spend(line, at) {
		return
	}
	n = resolve(n)
	if n == nil || isNull(n) {
		return // an absent value: Validate decides whether it is required
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			p.add(line, at, "must be a mapping of fields, not %s", describe(n))
			p.markBroken(at, slot, t)
			return
		}
		p.walkFields(n, t, at, map[string]int{}, false)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			p.add(line, at, "must be a list, not %s", describe(n))
			p.markBroken(at, slot, t)
			return
		}
		for i, item := range n.Content {
			p.walk(&n.Content[i], t.Elem(), fmt.Sprintf("%s[%d]", at, i), item.Line, item)
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			p.add(line, at, "must be a mapping, not %s", describe(n))
			p.markBroken(at, slot, t)
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			p.walk(&n.Content[i+1], t.Elem(), at+"."+k.Value, k.Line, v)
		}
	default:
		if n.Kind != yaml.ScalarNode {
			p.add(line, at, "must be %s, not %s", want(t), describe(n))
			p.markBroken(at, slot, t)
			return
		}
		if err := n.Decode(reflect.New(t).Interface()); err != nil {
			p.add(line, at, "must be %s, not %s", want(t), describe(n))
			p.markBroken(at, slot, t)
		}
	}
}

// spend counts one more node visited and reports false, with an issue
// the first time, once the walk has visited too many.
func (p *parse) spend(line int, at string) bool {
	p.budget--
	if p.budget == -1 {
		p.add(line, at, "the file nests too many aliases or is too large to check")
	}
	return p.budget >= 0
}

// walkFields checks the keys and values of mapping n against struct t.
// seen maps the fields already given to their lines. merged is true for a
// mapping brought in with a merge key (<<), whose fields the mapping that
// merges it may override.
func (p *parse) walkFields(n *yaml.Node, t reflect.Type, at string, seen map[string]int, merged bool) {
	fields := yamlFields(t)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if isMerge(k) {
			p.walkMerge(v, t, at)
			continue
		}
		if k.Kind != yaml.ScalarNode {
			p.add(k.Line, at, "field names must be plain words, not %s", describe(k))
			continue
		}
		fp := join(at, k.Value)
		f, ok := fields[k.Value]
		if !ok {
			p.add(k.Line, fp, "unknown field")
			continue
		}
		if first, dup := seen[k.Value]; dup && !merged {
			p.add(k.Line, fp, "is given twice (first on line %d)", first)
			p.dups = append(p.dups, n)
		}
		seen[k.Value] = k.Line
		p.walk(&n.Content[i+1], f.Type, fp, k.Line, v)
	}
}

func (p *parse) walkMerge(v *yaml.Node, t reflect.Type, at string) {
	if !p.spend(v.Line, at) {
		return
	}
	v = resolve(v)
	switch {
	case v == nil:
	case v.Kind == yaml.MappingNode:
		p.walkFields(v, t, at, map[string]int{}, true)
	case v.Kind == yaml.SequenceNode:
		for _, m := range v.Content {
			p.walkMerge(m, t, at)
		}
	default:
		p.add(v.Line, at, "a merge (<<) needs a mapping, not %s", describe(v))
	}
}

// dedupe drops every key/value pair of mapping m whose key appears again
// later in m.
func dedupe(m *yaml.Node) {
	last := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if k := m.Content[i]; k.Kind == yaml.ScalarNode && !isMerge(k) {
			last[k.Value] = i
		}
	}
	kept := m.Content[:0:0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if k.Kind == yaml.ScalarNode && !isMerge(k) && last[k.Value] != i {
			continue
		}
		kept = append(kept, k, m.Content[i+1])
	}
	m.Content = kept
}

// yamlFields maps the yaml names of struct t's fields to the fields.
func yamlFields(t reflect.Type) map[string]reflect.StructField {
	m := map[string]reflect.StructField{}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		m[name] = f
	}
	return m
}

func want(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	}
	return "text"
}

// describe names what a node holds, for messages.
func describe(n *yaml.Node) string {
	n = resolve(n)
	switch {
	case n == nil:
		return "nothing"
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	case n.Kind == yaml.DocumentNode:
		return "a document"
	case isNull(n):
		return "nothing"
	}
	v := n.Value
	if len(v) > 40 {
		v = v[:40] + "…"
	}
	return strconv.Quote(v)
}

func isMerge(k *yaml.Node) bool {
	return k.Kind == yaml.ScalarNode && k.Value == "<<" && k.ShortTag() == "!!merge"
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// resolve follows aliases to the node they stand for.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	if n != nil && n.Kind == yaml.AliasNode {
		return nil
	}
	return n
}

func join(at, name string) string {
	if at == "" {
		return name
	}
	return at + "." + name
}

// lineOf returns the line of the value at path (as written by
// duet.Template.Validate, e.g. task_lists[1].tasks[0].dri) below root.
// When that value is not in the file, for example a missing required
// field, it returns the line of the nearest enclosing value that is.
func lineOf(root *yaml.Node, at string) int {
	cur, line := root, root.Line
	for _, seg := range splitPath(at) {
		cur = resolve(cur)
		if cur == nil {
			break
		}
		if seg.index < 0 {
			k, v := lookup(cur, seg.name, 0)
			if k == nil {
				break
			}
			cur, line = v, k.Line
			continue
		}
		if cur.Kind != yaml.SequenceNode || seg.index >= len(cur.Content) {
			break
		}
		cur = cur.Content[seg.index]
		line = cur.Line
	}
	return line
}

// lookup finds field name in mapping n, the last one given winning as it
// does in the decoder, then in what n merges in.
func lookup(n *yaml.Node, name string, depth int) (key, value *yaml.Node) {
	n = resolve(n)
	if n == nil || n.Kind != yaml.MappingNode || depth > 20 {
		return nil, nil
	}
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		switch {
		case isMerge(k):
			merges = append(merges, n.Content[i+1])
		case k.Kind == yaml.ScalarNode && k.Value == name:
			key, value = k, n.Content[i+1]
		}
	}
	if key != nil {
		return key, value
	}
	for _, m := range merges {
		m = resolve(m)
		if m == nil {
			continue
		}
		list := []*yaml.Node{m}
		if m.Kind == yaml.SequenceNode {
			list = m.Content
		}
		for _, x := range list {
			if k, v := lookup(x, name, depth+1); k != nil {
				return k, v
			}
		}
	}
	return nil, nil
}

type segment struct {
	name  string
	index int // -1 for a named field
}

// splitPath turns "a.b[2].c" into a, b, [2], c.
func splitPath(at string) []segment {
	var segs []segment
	for part := range strings.SplitSeq(at, ".") {
		name, rest, _ := strings.Cut(part, "[")
		if name != "" {
			segs = append(segs, segment{name: name, index: -1})
		}
		for rest != "" {
			num, after, ok := strings.Cut(rest, "]")
			if !ok {
				break
			}
			i, err := strconv.Atoi(num)
			if err != nil {
				break
			}
			segs = append(segs, segment{index: i})
			rest = strings.TrimPrefix(after, "[")
		}
	}
	return segs
}

// Registry holds the templates a server offers: the built-in ones and
// those of an extra folder.
type Registry struct {
	byKey map[string]*duet.Template
	list  []*duet.Template
}

// LoadError is returned by Load when a template file has problems.
type LoadError struct {
	Issues []Issue
}

// Error lists every issue on a line of its own.
func (e *LoadError) Error() string {
	lines := make([]string, len(e.Issues))
	for i, is := range e.Issues {
		lines[i] = is.String()
	}
	return strings.Join(lines, "\n")
}

// Load reads the built-in templates and, when extraDir is not empty, every
// *.yaml and *.yml file in that folder (not its subfolders). A file in
// extraDir whose key is the key of a built-in template replaces it. Any
// issue in any file, or two files of one origin sharing a key, makes Load
// fail with a *LoadError listing them all.
func Load(extraDir string) (*Registry, error) {
	var issues []Issue
	builtins := map[string]*duet.Template{}
	from := map[string]Issue{} // key -> where it was first defined

	names, err := fs.Glob(builtin, "*.yaml")
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	sort.Strings(names)
	for _, name := range names {
		data, err := builtin.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("templates: %w", err)
		}
		file := path.Join("templates", name)
		t, is := Parse(file, data)
		issues = append(issues, is...)
		if t == nil || len(is) > 0 {
			continue
		}
		if prev, dup := from[t.Key]; dup {
			issues = append(issues, dupKey(file, data, t.Key, prev))
			continue
		}
		from[t.Key] = Issue{File: file, Line: keyLine(data)}
		builtins[t.Key] = t
	}

	extra := map[string]*duet.Template{}
	if extraDir != "" {
		entries, err := os.ReadDir(extraDir)
		if err != nil {
			return nil, fmt.Errorf("templates: reading the template folder: %w", err)
		}
		extraFrom := map[string]Issue{}
		for _, e := range entries {
			ext := strings.ToLower(filepath.Ext(e.Name()))
			if e.IsDir() || (ext != ".yaml" && ext != ".yml") {
				continue
			}
			file := filepath.Join(extraDir, e.Name())
			data, err := os.ReadFile(file)
			if err != nil {
				issues = append(issues, Issue{File: file, Msg: readError(err)})
				continue
			}
			t, is := Parse(file, data)
			issues = append(issues, is...)
			if t == nil || len(is) > 0 {
				continue
			}
			if prev, dup := extraFrom[t.Key]; dup {
				issues = append(issues, dupKey(file, data, t.Key, prev))
				continue
			}
			extraFrom[t.Key] = Issue{File: file, Line: keyLine(data)}
			extra[t.Key] = t
		}
	}
	if len(issues) > 0 {
		return nil, &LoadError{Issues: issues}
	}

	r := &Registry{byKey: builtins}
	for k, t := range extra {
		r.byKey[k] = t
	}
	for _, t := range r.byKey {
		r.list = append(r.list, t)
	}
	sort.Slice(r.list, func(i, j int) bool {
		a, b := r.list[i], r.list[j]
		if (a.Key == DefaultKey) != (b.Key == DefaultKey) {
			return a.Key == DefaultKey
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Key < b.Key
	})
	return r, nil
}

func dupKey(file string, data []byte, key string, prev Issue) Issue {
	where := prev.File
	if prev.Line > 0 {
		where += ":" + strconv.Itoa(prev.Line)
	}
	return Issue{File: file, Line: keyLine(data), Path: "key", Msg: fmt.Sprintf("%q is already the key of %s", key, where)}
}

// keyLine returns the line of the top-level key field of a file that
// parsed cleanly.
func keyLine(data []byte) int {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
		return 0
	}
	return lineOf(doc.Content[0], "key")
}

// List returns every template, Partner Co-Marketing first and the others
// by name. The templates are shared: callers must not change them.
func (r *Registry) List() []*duet.Template {
	return append([]*duet.Template(nil), r.list...)
}

// Get returns the template with the given key.
func (r *Registry) Get(key string) (*duet.Template, bool) {
	t, ok := r.byKey[key]
	return t, ok
}
