import Foundation
import MagnesiumKnowledge
import MagnesiumText

/// Shows output taller than the window through a pager, as git and psql do: `MAGNESIUM_PAGER`
/// when set (empty turns paging off), else `PAGER` (empty or `cat`: off), else `less -FRX`
/// (quit at once when it fits, keep colour, leave the text on the screen). Only in the shell,
/// with standard output a terminal; `--no-pager` turns it off. A pager that cannot start is
/// reported once and the text printed instead.
final class Pager {
    /// The command run by `sh -c`, or nil when paging is off.
    let command: String?
    private var hasWarned = false

    static let defaultCommand = "less -FRX"

    init(disabled: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) {
        command =
            disabled || !Terminal.isTerminal(STDOUT_FILENO) ? nil : Self.command(in: environment)
    }

    /// The pager command the environment asks for, or nil for none.
    static func command(in environment: [String: String]) -> String? {
        if let own = environment["MAGNESIUM_PAGER"] { return own.trimmed.isEmpty ? nil : own }
        if let pager = environment["PAGER"] {
            let trimmed = pager.trimmed
            return trimmed.isEmpty || trimmed == "cat" ? nil : pager
        }
        return defaultCommand
    }

    /// Prints `text` (laid out, without its final line break), through the pager when it has
    /// more lines than the window has rows for it and the prompt after it.
    func show(_ text: String) {
        let rows = Terminal.rows()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        guard let command, rows > 0, lines >= rows - 1, page(text + "\n", through: command) else {
            Output.line(text + "\n")
            return
        }
        // The blank line that follows every answer, after the pager too.
        Output.write("\n")
    }

    /// Runs the pager with `text` on its standard input and waits for it; false when it could
    /// not start (nothing of the text was shown).
    private func page(_ text: String, through command: String) -> Bool {
        var input: [Int32] = [0, 0]
        guard pipe(&input) == 0 else { return warn(command, String(cString: strerror(errno))) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], STDIN_FILENO)
        posix_spawn_file_actions_addclose(&actions, input[0])
        posix_spawn_file_actions_addclose(&actions, input[1])
        // The pager starts with the signals as a login shell gives them, not the shell's
        // handlers' (SIGPIPE ignored, for one, would keep `less` from ending with its reader).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        var all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        // The terminal as libedit left it between lines; a pager that dies in raw mode must not
        // leave it so, and libedit takes whatever it finds as the settings to come back to.
        var settings = termios()
        let hasSettings = tcgetattr(STDIN_FILENO, &settings) == 0
        let pasteWasOn = bracketedPasteOn.load(ordering: .relaxed)
        if pasteWasOn { turnOffBracketedPaste() }
        // Ctrl-\ in the pager is the pager's; Ctrl-C only sets a flag the next prompt clears.
        var quitAction = sigaction()
        var ignore = sigaction()
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        sigaction(SIGQUIT, &ignore, &quitAction)
        defer {
            sigaction(SIGQUIT, &quitAction, nil)
            if hasSettings { tcsetattr(STDIN_FILENO, TCSANOW, &settings) }
            if pasteWasOn { turnOnBracketedPaste() }
        }

        var environment = ProcessInfo.processInfo.environment
        if environment["LESS"] == nil { environment["LESS"] = "FRX" }
        let argv: [UnsafeMutablePointer<CChar>?] =
            [String](["sh", "-c", command]).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] =
            environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let failure = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, envp)
        close(input[0])
        guard failure == 0 else {
            close(input[1])
            return warn(command, String(cString: strerror(failure)))
        }
        // A pager that quits before reading everything closes the pipe: the write fails with
        // EPIPE (SIGPIPE is ignored) and the rest is dropped, as it should be.
        _ = FileIO.writeAll(input[1], text)
        close(input[1])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // sh's statuses for a command that is not there (127) or cannot be run (126).
        let exited = status & 0x7F == 0
        let code = (status >> 8) & 0xFF
        if exited && (code == 127 || code == 126) {
            return warn(command, code == 127 ? "not found" : "cannot be run")
        }
        return true
    }

    private func warn(_ command: String, _ reason: String) -> Bool {
        if !hasWarned {
            Output.error(
                "magnesium: the pager \(SafeText.escaped(command)) could not start (\(reason)); printing instead (--no-pager or MAGNESIUM_PAGER= turns paging off)"
            )
            hasWarned = true
        }
        return false
    }
}
