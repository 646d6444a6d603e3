package duet

import (
	"net/http"
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxFileName bounds an uploaded file's name.
const MaxFileName = 200

// CleanFileName checks an uploaded file's name: a plain name with an
// extension, no path, no control characters. It returns the name trimmed.
func CleanFileName(field, name string) (string, error) {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return "", Invalid(field, "needs a file name")
	case !utf8.ValidString(name):
		return "", Invalid(field, "the file name is not valid UTF-8")
	case utf8.RuneCountInString(name) > MaxFileName:
		return "", Invalid(field, "the file name must be at most %d characters", MaxFileName)
	case strings.ContainsAny(name, `/\`) || name == "." || name == "..":
		return "", Invalid(field, "the file name %q contains a path; send the file's name only", name)
	case strings.ContainsFunc(name, func(r rune) bool { return unicode.IsControl(r) || r == '"' }):
		return "", Invalid(field, "the file name contains a control character or a quote")
	case strings.HasPrefix(name, "."):
		return "", Invalid(field, "the file name must not start with a dot")
	}
	if _, ok := fileTypeOf(name); !ok {
		return "", Invalid(field, "%q is not a file type Duet accepts; use one of %s", path.Ext(name), strings.Join(AcceptedExtensions(), ", "))
	}
	return name, nil
}

// fileType is an accepted kind of upload: the type it is served as and
// what content sniffing must find in it.
type fileType struct {
	ext    string
	serve  string
	sniffs []string // prefixes of http.DetectContentType's answer
}

var fileTypes = []fileType{
	{".pdf", "application/pdf", []string{"application/pdf"}},
	{".png", "image/png", []string{"image/png"}},
	{".jpg", "image/jpeg", []string{"image/jpeg"}},
	{".jpeg", "image/jpeg", []string{"image/jpeg"}},
	{".gif", "image/gif", []string{"image/gif"}},
	{".webp", "image/webp", []string{"image/webp"}},
	{".txt", "text/plain; charset=utf-8", []string{"text/plain"}},
	{".md", "text/markdown; charset=utf-8", []string{"text/plain"}},
	{".csv", "text/csv; charset=utf-8", []string{"text/plain"}},
	{".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", []string{"application/zip"}},
	{".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", []string{"application/zip"}},
	{".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", []string{"application/zip"}},
	{".zip", "application/zip", []string{"application/zip"}},
	{".mp4", "video/mp4", []string{"video/mp4"}},
}

func fileTypeOf(name string) (fileType, bool) {
	ext := strings.ToLower(path.Ext(name))
	i := slices.IndexFunc(fileTypes, func(t fileType) bool { return t.ext == ext })
	if i < 0 {
		return fileType{}, false
	}
	return fileTypes[i], true
}

// AcceptedExtensions lists the extensions uploads may have.
func AcceptedExtensions() []string {
	out := make([]string, len(fileTypes))
	for i, t := range fileTypes {
		out[i] = t.ext
	}
	return out
}

// SniffLen is how many leading bytes CheckContent reads.
const SniffLen = 512

// CheckContent matches a file's leading bytes to its name's extension
// and returns the content type it is served as. A file whose content is
// not what its extension says (an HTML page named .png) is refused.
func CheckContent(field, name string, head []byte) (string, error) {
	t, ok := fileTypeOf(name)
	if !ok {
		return "", Invalid(field, "%q is not a file type Duet accepts", path.Ext(name))
	}
	if len(head) == 0 {
		return "", Invalid(field, "the file is empty")
	}
	got := http.DetectContentType(head)
	for _, p := range t.sniffs {
		if strings.HasPrefix(got, p) {
			return t.serve, nil
		}
	}
	what, _, _ := strings.Cut(got, ";")
	return "", Invalid(field, "the file is named %s but its content is %s; upload it with its real extension", t.ext, what)
}
