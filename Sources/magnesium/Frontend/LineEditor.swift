@preconcurrency import CLibEdit
import Foundation
import Synchronization

/// Set by the SIGINT handler; libedit's read returns with it set when Ctrl-C is pressed at the prompt.
let interrupted = Atomic<Bool>(false)

/// Words Tab completes: commands and topic names. Set once before the first prompt.
let completionWords = Mutex<[String]>([])

/// What reading a line produced.
enum LineInput {
    case line(String)
    case interrupted
    case endOfInput
}

/// libedit's readline-compatible API: prompt, editing, history and completion.
struct LineEditor {
    let historyPath: String?

    init(historyPath: String?, completions: [String]) {
        self.historyPath = historyPath
        setlocale(LC_CTYPE, "")
        rl_readline_name = UnsafePointer(strdup("magnesium"))
        completionWords.withLock { $0 = completions }
        rl_attempted_completion_function = { _, start, end in
            rl_attempted_completion_over = 1
            // Complete on everything typed so far, so multi-word topic names work.
            let line = rl_line_buffer.map { String(cString: $0) } ?? ""
            let prefixEnd = line.utf8.index(line.utf8.startIndex, offsetBy: Int(end), limitedBy: line.utf8.endIndex) ?? line.utf8.endIndex
            let typed = String(line.utf8[..<prefixEnd]) ?? ""
            let wordStart = Int(start)
            let candidates = completionWords.withLock { words in words.filter { $0.lowercased().hasPrefix(typed.lowercased()) && !typed.isEmpty } }
            // libedit replaces only the current word: strip what precedes it.
            let leading = String(typed.utf8.prefix(wordStart)) ?? ""
            let matches = candidates.map { String($0.dropFirst(leading.count)) }.filter { !$0.isEmpty }
            return LineEditor.matchArray(matches)
        }
        using_history()
        stifle_history(1000)
        if let historyPath { _ = read_history(historyPath) }
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in interrupted.store(true, ordering: .relaxed) }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0  // not SA_RESTART: libedit's read must see EINTR
        sigaction(SIGINT, &action, nil)
    }

    func read(prompt: String) -> LineInput {
        interrupted.store(false, ordering: .relaxed)
        guard let raw = readline(prompt) else {
            return interrupted.load(ordering: .relaxed) ? .interrupted : .endOfInput
        }
        let line = String(cString: raw)
        free(raw)
        if !line.allSatisfy(\.isWhitespace) && !line.hasPrefix(" ") {
            add_history(line)
            if let historyPath { _ = write_history(historyPath) }
        }
        return .line(line)
    }

    /// libedit wants a malloc'd, NULL-terminated array: the common prefix first, then the matches.
    static func matchArray(_ matches: [String]) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        guard let first = matches.first else { return nil }
        var common = first
        for match in matches.dropFirst() { while !match.hasPrefix(common) { common.removeLast() } }
        let entries = matches.count == 1 ? [first] : [common] + matches
        let array = malloc((entries.count + 1) * MemoryLayout<UnsafeMutablePointer<CChar>?>.stride)!
            .bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: entries.count + 1)
        for (index, entry) in entries.enumerated() { array[index] = strdup(entry) }
        array[entries.count] = nil
        return array
    }
}
