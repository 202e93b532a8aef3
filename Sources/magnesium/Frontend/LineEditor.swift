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

/// What Tab completes; libedit's completion hook is a C function and reads it from here.
let activeCompleter = Mutex<Completer?>(nil)

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

    init(completer: Completer, usesLibedit: Bool) {
        self.usesLibedit = usesLibedit
        // Without a UTF-8 locale libedit silently drops every non-ASCII byte typed.
        setlocale(LC_CTYPE, "")
        if !Self.localeIsUTF8 { setlocale(LC_CTYPE, "C.UTF-8") }
        if usesLibedit {
            // Must be set before libedit initialises (using_history does that), or it is ignored.
            rl_getc_function = { _ in LineEditor.readCharacter() }
        }
        TerminalSignals.install()
        Self.refuseUnsafeEditrc()
        using_history()
        stifle_history(Int32(HistoryFile.capacity))
        activeCompleter.withLock { $0 = completer }
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
                guard let completer = activeCompleter.withLock({ $0 }) else { return nil }
                switch completer.complete(typed, wordStart: Int(start)) {
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

    /// Shows the prompt and reads one line.
    func read(prompt: String, plainPrompt: String) -> LineInput {
        interrupted.store(false, ordering: .relaxed)
        if !usesLibedit {
            Output.write(plainPrompt)
            return Self.readPlainLine()
        }
        guard let raw = readline(prompt) else {
            return interrupted.load(ordering: .relaxed) ? .interrupted : .endOfInput
        }
        defer { free(raw) }
        return .line(String(cString: raw))
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
