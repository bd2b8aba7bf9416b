package client

// from names the response an error is about, " from " + its URL as
// shownURL gives it, or "" when the URL is unknown.
func from(url string) string {
	if u := shownURL(url); u != "" {
		return " from " + u
	}
	return ""
}

// shownURL is a URL as error messages show it: without userinfo, query or
// fragment, which may carry credentials (a query shows as "?…"), the same
// rule as the npm package's messages.
func shownURL(url string) string {
	end, query := len(url), false
	for i := 0; i < len(url); i++ {
		if url[i] == '?' || url[i] == '#' {
			end, query = i, url[i] == '?'
			break
		}
	}
	u := url[:end]
	if i := indexString(u, "://"); i >= 0 {
		host := u[i+3:]
		slash := len(host)
		for j := 0; j < len(host); j++ {
			if host[j] == '/' {
				slash = j
				break
			}
		}
		for j := slash - 1; j >= 0; j-- {
			if host[j] == '@' {
				u = u[:i+3] + host[j+1:]
				break
			}
		}
	}
	if query {
		u += "?…"
	}
	return u
}

// indexString is strings.Index for a short needle (the wasm build avoids
// the strings package's tables).
func indexString(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}
