@preconcurrency import CLibEdit
import Foundation
import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumText
import MagnesiumTranscripts
import MagnesiumUnderstanding
import Synchronization

/// Set by the SIGINT handler (Ctrl-C). The character reader checks it before and after every
/// read, so the line ends even when a key arrives together with the signal; with no
/// `SA_RESTART` a read blocked at the time fails with EINTR and the check comes at once.
/// When `readline` returns nothing, the flag tells Ctrl-C apart from Ctrl-D.
let interrupted = Atomic<Bool>(false)

/// Bytes read together with a Ctrl-C: they belong to the next line, not the one cleared.
let carriedOverInput = Mutex<[UInt8]>([])

/// What Tab completes; libedit's completion hook is a C function and reads it from here. Made
/// by ``completerMaker`` on the first Tab, so ranking the vocabulary costs a start nothing.
let activeCompleter = Mutex<Completer?>(nil)
let completerMaker = Mutex<(@Sendable () -> Completer)?>(nil)

/// The line (up to the cursor) that a Tab left with several matches: a second Tab on it lists
/// them, in the completer's order.
let lastAmbiguousCompletion = Mutex<String?>(nil)

/// Keys the shell handles itself rather than libedit, set by the character reader, which then
/// ends libedit's line (see ``LineEditor/readEditingCharacter()``).
enum InterceptedKey: Int {
    case none = 0
    /// Ctrl-R: the shell's own reverse search.
    case search
    /// Up and Down: history lines that begin with what was typed.
    case older, newer
}

let interceptedKey = Atomic<Int>(InterceptedKey.none.rawValue)

/// What reading a line produced.
enum LineInput: Equatable {
    case line(String)
    /// Ctrl-C: the line was thrown away; the session goes on.
    case interrupted
    /// Ctrl-D on an empty line, or the end of input.
    case endOfInput
}

/// Reads lines from the person at the terminal: through libedit's readline-compatible API
/// (editing, history, Ctrl-R search, Tab completion, resizing) or, on a terminal that cannot
/// do that (`TERM=dumb`), as plain lines after a plain prompt. Its history is libedit's,
/// in memory; ``HistoryFile`` keeps it on disk. ``TerminalSignals`` keeps the terminal usable
/// when a signal ends or pauses the shell.
final class LineEditor {
    let usesLibedit: Bool
    /// Lines added by ``remember(_:)`` in this session.
    private(set) var rememberedCount = 0

    init(completer: @escaping @Sendable () -> Completer, usesLibedit: Bool) {
        self.usesLibedit = usesLibedit
        // Without a UTF-8 locale libedit silently drops every non-ASCII byte typed.
        setlocale(LC_CTYPE, "")
        if !Self.localeIsUTF8 { setlocale(LC_CTYPE, "C.UTF-8") }
        if usesLibedit {
            // Must be set before libedit initialises (using_history does that), or it is ignored.
            rl_getc_function = { _ in LineEditor.readEditingCharacter() }
        }
        TerminalSignals.install()
        Self.refuseUnsafeEditrc()
        using_history()
        stifle_history(Int32(HistoryFile.capacity))
        completerMaker.withLock { $0 = completer }
        if usesLibedit {
            // selects `magnesium:` lines in ~/.editrc
            rl_readline_name = UnsafePointer(strdup("magnesium"))
            rl_attempted_completion_function = { text, start, end in
                // libedit resets this after each completion; without it, it falls back to file
                // names.
                rl_attempted_completion_over = 1
                let line = rl_line_buffer.map { String(cString: $0) } ?? ""
                let typed = String(String.UnicodeScalarView(line.unicodeScalars.prefix(Int(end))))
                let word = text.map { String(cString: $0) } ?? ""
                let maker = completerMaker.withLock { $0 }
                let completer = activeCompleter.withLock { current -> Completer? in
                    if current == nil { current = maker?() }
                    return current
                }
                guard let completer else { return nil }
                let result = completer.complete(typed, wordStart: Int(start))
                guard case .replacements(let replacements, let appendSpace) = result,
                    replacements.count > 1
                else {
                    lastAmbiguousCompletion.withLock { $0 = nil }
                    switch result {
                    case .nothing:
                        return nil
                    case .fileNames:
                        rl_attempted_completion_over = 0
                        return nil
                    case .replacements(let replacements, let appendSpace):
                        rl_completion_append_character = appendSpace ? 0x20 : 0
                        return LineEditor.matchArray(replacements, typedWord: word)
                    }
                }
                // Several matches: libedit would list them sorted alphabetically, losing the
                // ranking, so it gets only their common beginning, and a second Tab lists them
                // here, likeliest first.
                _ = appendSpace
                let common = Completer.commonText(of: replacements, typedWord: word)
                let after =
                    String(typed.unicodeScalars.dropLast(word.unicodeScalars.count)) + common
                if lastAmbiguousCompletion.withLock({ $0 }) == typed {
                    LineEditor.list(replacements)
                }
                lastAmbiguousCompletion.withLock { $0 = after }
                rl_completion_append_character = 0
                return LineEditor.matchArray([common], typedWord: word)
            }
        }
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in interrupted.store(true, ordering: .relaxed) }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0  // not SA_RESTART: the blocked read must return
        sigaction(SIGINT, &action, nil)
    }

    /// libedit reads `$EDITRC` (else `~/.editrc`) when it initialises, whole and without a limit:
    /// a FIFO there would wait for a writer forever, `/dev/zero` would fill memory. Anything but
    /// a regular file of at most ``largestEditrc`` bytes is left unread, with a warning.
    static func refuseUnsafeEditrc(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        let path: String
        if let setting = environment["EDITRC"] {
            path = setting
        } else if let home = environment["HOME"], !home.isEmpty {
            path = home + "/.editrc"
        } else {
            return
        }
        guard !path.isEmpty else { return }
        var info = stat()
        guard stat(path, &info) == 0 else { return }  // missing: libedit skips it too
        var null = stat()
        if info.st_mode & S_IFMT == S_IFCHR && stat("/dev/null", &null) == 0
            && info.st_rdev == null.st_rdev
        {
            return
        }  // reads as empty
        let problem: String
        if info.st_mode & S_IFMT != S_IFREG {
            problem = "is not a regular file"
        } else if Int(info.st_size) > largestEditrc {
            problem = "is larger than \(largestEditrc / 1_000_000) MB"
        } else {
            return
        }
        Output.error("magnesium: warning: \(SafeText.escaped(path)) \(problem); it is not read")
        setenv("EDITRC", "", 1)  // libedit reads no file for an empty EDITRC
    }

    static let largestEditrc = 1_000_000

    private static var localeIsUTF8: Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        return String(cString: codeset).uppercased().replacingOccurrences(of: "-", with: "")
            == "UTF8"
    }

    /// libedit's character source: one character from standard input, its UTF-8 decoded here
    /// (libedit takes the returned number as a whole character), or -1, which ends the line,
    /// at the end of input or once Ctrl-C was pressed. libedit's own reader notices Ctrl-C
    /// only when the signal interrupts a read: a key typed together with Ctrl-C would be read
    /// instead and the Ctrl-C lost. Such a key is kept for the next line.
    static func readCharacter() -> Int32 {
        var pending: [UInt8] = []
        var needed = 1
        while true {
            if interrupted.load(ordering: .relaxed) { return -1 }
            TerminalSignals.catchUp()
            var byte: UInt8 = 0
            if let carried = carriedOverInput.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) {
                byte = carried
            } else {
                let count = Glibc.read(STDIN_FILENO, &byte, 1)
                // Ctrl-C, a resize or `fg`: all checked above
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { return -1 }
                if interrupted.load(ordering: .relaxed) {
                    carriedOverInput.withLock { $0 = pending + [byte] + $0 }
                    return -1
                }
            }
            if pending.isEmpty || byte & 0xC0 != 0x80 {
                // A new character: its first byte says how long it is.
                switch byte {
                case 0x00...0x7F: return Int32(byte)
                case 0xC2...0xDF: needed = 2
                case 0xE0...0xEF: needed = 3
                case 0xF0...0xF4: needed = 4
                default:
                    pending = []
                    continue  // not UTF-8: skipped, as libedit does
                }
                pending = [byte]
                continue
            }
            pending.append(byte)
            if pending.count == needed {
                guard let scalar = String(validating: pending, as: UTF8.self)?.unicodeScalars.first
                else {
                    pending = []
                    continue
                }
                return Int32(bitPattern: scalar.value)
            }
        }
    }

    /// What libedit's character source hands on: every character but Ctrl-R, Up and Down,
    /// which end libedit's line (a newline is handed on instead) after setting
    /// ``interceptedKey``, so that ``read(prompt:plainPrompt:)`` can act on them with the line
    /// as typed. libedit's own search took an arrow key apart (see ``ReverseSearch``), and its
    /// history keys know nothing of a typed beginning.
    static func readEditingCharacter() -> Int32 {
        let character = readCharacter()
        switch character {
        case 0x12:
            interceptedKey.store(InterceptedKey.search.rawValue, ordering: .relaxed)
            return 0x0A
        case 0x1B:
            // Up and Down arrive as ESC [ A and ESC [ B (ESC O A, ESC O B in application mode).
            guard let introducer = nextByte(waitingMilliseconds: 50) else { return 0x1B }
            guard introducer == UInt8(ascii: "[") || introducer == UInt8(ascii: "O"),
                let final = nextByte(waitingMilliseconds: 50)
            else {
                carriedOverInput.withLock { $0.insert(introducer, at: 0) }
                return 0x1B
            }
            switch final {
            case UInt8(ascii: "2") where introducer == UInt8(ascii: "["):
                // ESC [ 200 ~ starts a paste (bracketed paste, turned on by the shell).
                var rest: [UInt8] = []
                while rest.count < 3, let byte = nextByte(waitingMilliseconds: 50) {
                    rest.append(byte)
                }
                guard rest == Array("00~".utf8) else {
                    carriedOverInput.withLock {
                        $0.insert(contentsOf: [introducer, final] + rest, at: 0)
                    }
                    return 0x1B
                }
                let pasted = readPaste()
                carriedOverInput.withLock { $0.insert(contentsOf: pasted, at: 0) }
                return readEditingCharacter()
            case UInt8(ascii: "A"):
                interceptedKey.store(InterceptedKey.older.rawValue, ordering: .relaxed)
                return 0x0A
            case UInt8(ascii: "B"):
                interceptedKey.store(InterceptedKey.newer.rawValue, ordering: .relaxed)
                return 0x0A
            default:
                carriedOverInput.withLock { $0.insert(contentsOf: [introducer, final], at: 0) }
                return 0x1B
            }
        default:
            return character
        }
    }

    /// Pasted text goes into the line as typed text, at most this many bytes of it (a question
    /// is read to its first 1,000 characters); the rest of the paste is read and dropped.
    static let longestPaste = 4_000

    /// The text of a paste, read up to its end mark (ESC [ 201 ~), made one line: line breaks
    /// and tabs become spaces (a tab would start completion, a line break run the line) and
    /// other control characters are left out. So a pasted block of several lines is one
    /// input, shown on the line and run once, on Enter.
    static func readPaste() -> [UInt8] {
        let end = Array("\u{1B}[201~".utf8)
        var bytes: [UInt8] = []
        var tail: [UInt8] = []
        // The terminal sends the whole paste at once; two seconds without a byte end it anyway.
        while let byte = nextByte(waitingMilliseconds: 2_000) {
            tail.append(byte)
            if tail.count > end.count { tail.removeFirst() }
            if bytes.count <= longestPaste + end.count { bytes.append(byte) }
            if tail == end { break }
        }
        if tail == end { bytes.removeLast(min(end.count, bytes.count)) }
        var line: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x0D where index + 1 < bytes.count && bytes[index + 1] == 0x0A:
                break  // CR LF: one break, the LF gives the space
            case 0x0A, 0x0D, 0x09:
                if line.last != 0x20 { line.append(0x20) }
            case 0x00..<0x20, 0x7F:
                break
            default:
                line.append(byte)
            }
            index += 1
        }
        while line.last == 0x20 { line.removeLast() }
        // Cut at a character boundary.
        if line.count > longestPaste {
            var cut = longestPaste
            while cut > 0 && line[cut] & 0xC0 == 0x80 { cut -= 1 }
            line.removeSubrange(cut...)
        }
        return line
    }

    /// The next byte of input, from what was carried over first, waiting at most `milliseconds`
    /// for one to arrive; nil when none came.
    static func nextByte(waitingMilliseconds milliseconds: Int32) -> UInt8? {
        if let carried = carriedOverInput.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) {
            return carried
        }
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, milliseconds) > 0 else { return nil }
        var byte: UInt8 = 0
        return Glibc.read(STDIN_FILENO, &byte, 1) == 1 ? byte : nil
    }

    /// The walk through lines beginning with what was typed, while Up and Down go on.
    private var prefixWalk: PrefixHistory?

    /// Shows the prompt and reads one line.
    func read(prompt: String, plainPrompt: String) -> LineInput {
        interrupted.store(false, ordering: .relaxed)
        if !usesLibedit {
            Output.write(plainPrompt)
            return Self.readPlainLine()
        }
        while true {
            interceptedKey.store(InterceptedKey.none.rawValue, ordering: .relaxed)
            guard let raw = readline(prompt) else {
                prefixWalk = nil
                return interrupted.load(ordering: .relaxed) ? .interrupted : .endOfInput
            }
            let text = String(cString: raw)
            free(raw)
            let key =
                InterceptedKey(
                    rawValue: interceptedKey.exchange(
                        InterceptedKey.none.rawValue, ordering: .relaxed)) ?? .none
            if key == .none {
                prefixWalk = nil
                return .line(text)
            }
            Self.erase(line: text, after: plainPrompt)
            switch key {
            case .older, .newer:
                if prefixWalk == nil || prefixWalk?.shown != text {
                    prefixWalk = PrefixHistory(entries: entries, typed: text)
                }
                let next = key == .older ? prefixWalk?.older() : prefixWalk?.newer()
                Self.retype(next ?? text, then: [])
            case .search:
                prefixWalk = nil
                switch Self.search(from: text, entries: entries) {
                case .run(let line):
                    let shownPrompt = prompt.filter { $0 != "\u{1}" && $0 != "\u{2}" }
                    Output.write(
                        shownPrompt + SafeText.escaped(line, keepingNewlines: false) + "\n")
                    return .line(line)
                case .edit(let line, let keys):
                    Self.retype(line, then: keys)
                case .interrupted:
                    return .interrupted
                case .endOfInput:
                    return .endOfInput
                }
            case .none:
                break
            }
        }
    }

    /// Clears the rows libedit drew `line` on (it has just moved below them), so the next
    /// prompt or the search line takes their place.
    private static func erase(line: String, after prompt: String) {
        let columns = max(1, Terminal.columns())
        let rows = (TextLayout.columns(prompt) + TextLayout.columns(line)) / columns + 1
        Output.write("\r\u{1B}[\(rows)A\u{1B}[J")
    }

    /// Puts `line` in front of the next line's input, as if typed (control characters left
    /// out), followed by `keys`: libedit clears its line when it starts one, so typing is the
    /// one way to hand it text.
    private static func retype(_ line: String, then keys: [UInt8]) {
        let text = String(
            String.UnicodeScalarView(
                line.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
        carriedOverInput.withLock { $0.insert(contentsOf: Array(text.utf8) + keys, at: 0) }
    }

    /// How a Ctrl-R search ended.
    enum SearchOutcome: Equatable {
        /// Enter: the line found runs.
        case run(String)
        /// The line to edit, and keys to act on once it is there: an arrow, Home or End accept
        /// the match (Left, Right, Home and End then move in it); Ctrl-G gives back the line
        /// as it was.
        case edit(String, keys: [UInt8])
        case interrupted
        case endOfInput
    }

    /// Ctrl-R: `(reverse-i-search)'…': match` on the line where the prompt was, read key by key
    /// with the terminal in non-canonical mode, until a key ends it.
    static func search(from original: String, entries: [String]) -> SearchOutcome {
        var settings = termios()
        let hasSettings = tcgetattr(STDIN_FILENO, &settings) == 0
        if hasSettings {
            var raw = settings
            raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
            withUnsafeMutableBytes(of: &raw.c_cc) { cc in
                cc[Int(VMIN)] = 1
                cc[Int(VTIME)] = 0
            }
            tcsetattr(STDIN_FILENO, TCSANOW, &raw)
        }
        defer { if hasSettings { tcsetattr(STDIN_FILENO, TCSANOW, &settings) } }
        var search = ReverseSearch(entries: entries)
        func draw() {
            let shown = SafeText.escaped(search.status, keepingNewlines: false)
            Output.write(
                "\r\u{1B}[K" + TextLayout.truncated(shown, width: max(1, Terminal.columns() - 1)))
        }
        func finish(_ outcome: SearchOutcome) -> SearchOutcome {
            Output.write("\r\u{1B}[K")
            return outcome
        }
        draw()
        while true {
            let character = readCharacter()
            let found = search.match ?? original
            switch character {
            case ..<0:
                return interrupted.load(ordering: .relaxed) ? .interrupted : .endOfInput
            case 0x12:
                search.older()
            case 0x07:
                return finish(.edit(original, keys: []))
            case 0x0A, 0x0D:
                return finish(.run(found))
            case 0x08, 0x7F:
                search.erase()
            case 0x1B:
                var sequence: [UInt8] = [0x1B]
                if let introducer = nextByte(waitingMilliseconds: 50) {
                    if introducer == UInt8(ascii: "[") || introducer == UInt8(ascii: "O") {
                        sequence.append(introducer)
                        // A CSI sequence ends with a byte from @ to ~ (`A`, `H`, `~`).
                        while let byte = nextByte(waitingMilliseconds: 50) {
                            sequence.append(byte)
                            if (0x40...0x7E).contains(byte) { break }
                        }
                    } else {
                        carriedOverInput.withLock { $0.insert(introducer, at: 0) }
                    }
                }
                // Up and Down accept the match as it is; other keys then act on it.
                let upOrDown = sequence.count == 3 && (sequence[2] == 0x41 || sequence[2] == 0x42)
                return finish(.edit(found, keys: upOrDown || sequence.count == 1 ? [] : sequence))
            case 0..<0x20:
                return finish(.edit(found, keys: [UInt8(character)]))
            default:
                if let scalar = Unicode.Scalar(UInt32(character)) {
                    search.type(String(Character(scalar)))
                }
            }
            draw()
        }
    }

    /// A line typed on a terminal that cannot edit, read a byte at a time: Swift's `readLine`
    /// retries after the signal Ctrl-C sends and would never return.
    private static func readPlainLine() -> LineInput {
        var bytes: [UInt8] = []
        while true {
            var byte: UInt8 = 0
            let count = Glibc.read(STDIN_FILENO, &byte, 1)
            if interrupted.load(ordering: .relaxed) { return .interrupted }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 {
                return bytes.isEmpty ? .endOfInput : .line(String(decoding: bytes, as: UTF8.self))
            }
            if byte == UInt8(ascii: "\n") { return .line(String(decoding: bytes, as: UTF8.self)) }
            bytes.append(byte)
        }
    }

    /// Adds a line to the history, unless it is blank, starts with a space (kept out on
    /// purpose, as in bash) or repeats the line before it. True when it was added.
    @discardableResult
    func remember(_ line: String) -> Bool {
        if line.allSatisfy(\.isWhitespace) || line.hasPrefix(" ") || line == entries.last {
            return false
        }
        add_history(line)
        rememberedCount += 1
        return true
    }

    /// Every line in the history, oldest first: earlier sessions' (as loaded) and this one's.
    var entries: [String] {
        guard let list = history_list() else { return [] }
        var lines: [String] = []
        var index = 0
        while let entry = list[index] {
            lines.append(entry.pointee.line.map { String(cString: $0) } ?? "")
            index += 1
        }
        return lines
    }

    /// Lists completions below the line in rows, in their order (read across), then has
    /// libedit draw the prompt and the line again under them.
    static func list(_ matches: [String]) {
        let columns = max(1, Terminal.columns())
        let shown = matches.map { SafeText.escaped($0, keepingNewlines: false) }
        let width = (shown.map { TextLayout.columns($0) }.max() ?? 0) + 2
        let perRow = max(1, columns / max(1, width))
        var rows: [String] = []
        var index = 0
        while index < shown.count {
            let row = shown[index..<min(shown.count, index + perRow)]
            rows.append(
                row.map { $0 + String(repeating: " ", count: width - TextLayout.columns($0)) }
                    .joined().trimmingCharacters(in: .whitespaces))
            index += perRow
        }
        Output.write("\n" + rows.joined(separator: "\n") + "\n")
        rl_forced_update_display()
    }

    /// The malloc'd, NULL-terminated array libedit wants: the text to put in place of the
    /// word first, then the matches it lists when there are several.
    static func matchArray(_ matches: [String], typedWord: String) -> UnsafeMutablePointer<
        UnsafeMutablePointer<CChar>?
    >? {
        guard let first = matches.first else { return nil }
        let entries =
            matches.count == 1
            ? [first] : [Completer.commonText(of: matches, typedWord: typedWord)] + matches
        let array = malloc((entries.count + 1) * MemoryLayout<UnsafeMutablePointer<CChar>?>.stride)!
            .bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: entries.count + 1)
        for (index, entry) in entries.enumerated() { array[index] = strdup(entry) }
        array[entries.count] = nil
        return array
    }
}
