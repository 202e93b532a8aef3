/// Ctrl-R: a reverse incremental search through the history, as bash and readline do it: each
/// letter typed narrows the search to older lines that contain what was typed (in any case),
/// Ctrl-R again steps to an older match, Backspace widens it again.
///
/// The shell runs this search itself rather than libedit's (`em-inc-search-prev`): libedit's
/// showed a cryptic `bck:` prompt, and an arrow key pressed during its search was taken apart,
/// its escape ending the search and `[C` typed into the line, which Enter then ran.
struct ReverseSearch {
    /// The history, oldest first.
    let entries: [String]
    private(set) var query = ""
    /// The entry shown, or nil before anything was typed.
    private(set) var matchIndex: Int?
    /// True when the last letter typed (or Ctrl-R) found nothing older.
    private(set) var failed = false

    init(entries: [String]) { self.entries = entries }

    /// The line found, or nil before the search has found anything.
    var match: String? { matchIndex.map { entries[$0] } }

    /// What the search line shows: `(reverse-i-search)'gly': what is glycine?`.
    var status: String {
        (failed ? "(failed reverse-i-search)" : "(reverse-i-search)") + "'\(query)': "
            + (match ?? "")
    }

    /// A letter typed: the match so far stays if it still contains the query.
    mutating func type(_ text: String) {
        query += text
        find(from: matchIndex ?? entries.count - 1, skipping: nil)
    }

    /// Backspace: one letter fewer, searched again from the newest line.
    mutating func erase() {
        guard !query.isEmpty else { return }
        query.removeLast()
        matchIndex = nil
        failed = false
        if !query.isEmpty { find(from: entries.count - 1, skipping: nil) }
    }

    /// Ctrl-R again: the next older line that matches and differs from the one shown.
    mutating func older() {
        guard !query.isEmpty else { return }
        guard let current = matchIndex else {
            find(from: entries.count - 1, skipping: nil)
            return
        }
        find(from: current - 1, skipping: entries[current])
    }

    private mutating func find(from start: Int, skipping shown: String?) {
        let wanted = query.lowercased()
        var index = start
        while index >= 0 {
            let entry = entries[index]
            if entry != shown && entry.lowercased().contains(wanted) {
                matchIndex = index
                failed = false
                return
            }
            index -= 1
        }
        failed = true
    }
}

/// Up and Down with something typed: only the history lines that begin with it, newest first,
/// as fish and IPython do. On an empty line every line matches, so Up and Down walk the
/// whole history. A line the same as the one shown is stepped over.
struct PrefixHistory {
    /// The history, oldest first.
    let entries: [String]
    /// What was typed when the walk began; Down past the newest match brings it back.
    let prefix: String
    /// The entry shown, or `entries.count` before Up was pressed.
    private(set) var index: Int
    /// The text on the line now, to tell whether the person edited it since.
    private(set) var shown: String

    init(entries: [String], typed: String) {
        self.entries = entries
        self.prefix = typed
        self.index = entries.count
        self.shown = typed
    }

    /// Up: the next older line beginning with the prefix, or nil when there is none.
    mutating func older() -> String? {
        var candidate = index - 1
        while candidate >= 0 {
            if matches(entries[candidate]) { return show(candidate) }
            candidate -= 1
        }
        return nil
    }

    /// Down: the next newer line beginning with the prefix; past the newest, the prefix itself.
    mutating func newer() -> String? {
        guard index < entries.count else { return nil }
        var candidate = index + 1
        while candidate < entries.count {
            if matches(entries[candidate]) { return show(candidate) }
            candidate += 1
        }
        index = entries.count
        shown = prefix
        return prefix
    }

    private func matches(_ entry: String) -> Bool {
        entry != shown && entry.lowercased().hasPrefix(prefix.lowercased())
    }

    private mutating func show(_ candidate: Int) -> String {
        index = candidate
        shown = entries[candidate]
        return shown
    }
}
