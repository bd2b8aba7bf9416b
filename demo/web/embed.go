// Package web holds the demo page, embedded into the demo server.
package web

import "embed"

// Files are the page's files: index.html, the CSS and the JS modules.
//
//go:embed *.html *.css *.js
var Files embed.FS
