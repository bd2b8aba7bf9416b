package clock

// Since returns the time passed since the Mono reading start.
func Since(start int64) Duration { return Duration(Mono() - start) }
