@preconcurrency import CLibEdit
import Foundation
import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumText
import MagnesiumTranscripts
import MagnesiumUnderstanding
import Synchronization

// What the handlers read lives in memory allocated once, behind constants: a handler may make
// only async-signal-safe calls, and Swift's checks on global variables and arrays are not.

/// The terminal's settings as the shell found them, written before any handler is installed;
/// a handler cannot ask libedit for them.
nonisolated(unsafe) private let settingsAtStart = UnsafeMutablePointer<termios>.allocate(
    capacity: 1)
private let hasSettingsAtStart = Atomic<Bool>(false)
/// What each crash signal did before ours was installed (the Swift runtime's backtracer, or the
/// default), by signal number, so a crash is still reported as it would have been.
nonisolated(unsafe) private let actionsBeforeOurs = UnsafeMutablePointer<sigaction>.allocate(
    capacity: Int(NSIG))

/// True while the shell writes colour or bold: then every way out ends with SGR 0, so nothing
/// that was being written when a signal came leaves the window's next prompt styled.
let resetsStyleOnExit = Atomic<Bool>(false)

/// True while the terminal is asked to mark pasted text (bracketed paste, `ESC [ ? 2004 h`);
/// every way out, and a stop, turn that off again, or the next program would see the marks.
let bracketedPasteOn = Atomic<Bool>(false)

/// Writes SGR 0 to standard output when ``resetsStyleOnExit`` is set, and turns bracketed paste
/// off when it is on; safe in a signal handler (a `write` of a constant, no allocation).
func resetStyleIfUsed() {
    if resetsStyleOnExit.load(ordering: .relaxed) {
        let reset = TerminalStyle.reset
        _ = Glibc.write(STDOUT_FILENO, reset.utf8Start, reset.utf8CodeUnitCount)
    }
    if bracketedPasteOn.load(ordering: .relaxed) {
        let off: StaticString = "\u{1B}[?2004l"
        _ = Glibc.write(STDOUT_FILENO, off.utf8Start, off.utf8CodeUnitCount)
    }
}

/// Asks the terminal to mark pasted text, so a pasted block arrives as one input.
func turnOnBracketedPaste() {
    let on: StaticString = "\u{1B}[?2004h"
    _ = Glibc.write(STDOUT_FILENO, on.utf8Start, on.utf8CodeUnitCount)
    bracketedPasteOn.store(true, ordering: .relaxed)
}

/// Stops the marking of pasted text, while another program (the pager) has the terminal.
func turnOffBracketedPaste() {
    let off: StaticString = "\u{1B}[?2004l"
    _ = Glibc.write(STDOUT_FILENO, off.utf8Start, off.utf8CodeUnitCount)
    bracketedPasteOn.store(false, ordering: .relaxed)
}

/// Set by SIGWINCH; the character reader then tells libedit the window's new width.
let windowResized = Atomic<Bool>(false)
/// Set when the process goes on after a stop (Ctrl-Z, then `fg`); the character reader then
/// puts the terminal back into editing mode and redraws the line.
let continuedAfterStop = Atomic<Bool>(false)

/// Keeps the terminal usable however the shell ends or pauses: SIGTERM, SIGHUP (the window was
/// closed), SIGQUIT (Ctrl-\), the other ending signals (SIGUSR1, SIGUSR2, SIGALRM, …) and crashes
/// put back the settings the shell started with and then end the process as the signal would
/// have (status 143, 129, 131, 138, 140, 142; a crash is still reported);
/// Ctrl-Z leaves the terminal as it was found, and `fg` takes up the line where it was.
///
/// libedit can do this itself (`rl_catch_signals`), but it passes each signal on with
/// `kill(0, …)`, to the whole process group: `kill PID` of magnesium also ended the script or
/// the tmux pane that started it. These handlers act on this process only.
enum TerminalSignals {
    /// Signals that end the process after the terminal is put back: every signal whose default
    /// action ends the process and that a person or program may send (SIGINT clears the line,
    /// SIGPIPE is ignored, SIGKILL cannot be caught).
    static let ending: [Int32] = [
        SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ,
    ]
    /// Signals of a crash, handed on to whatever handled them before.
    static let crashes: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGABRT]

    /// Installs the handlers. Must run before libedit initialises, which reads `rl_catch_signals`.
    static func install() {
        rl_catch_signals = 0
        hasSettingsAtStart.store(tcgetattr(STDIN_FILENO, settingsAtStart) == 0, ordering: .relaxed)
        for signal in ending { handle(signal, with: endingSignalReceived) }
        for signal in crashes {
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = crashSignalReceived
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_SIGINFO
            sigaction(signal, &action, actionsBeforeOurs + Int(signal))
        }
        handle(SIGTSTP, with: stopRequested)
        handle(SIGCONT) { _ in continuedAfterStop.store(true, ordering: .relaxed) }
        handle(SIGWINCH) { _ in windowResized.store(true, ordering: .relaxed) }
        // A parent may hand these over blocked (Foundation's Process does); blocked, they would
        // never end, pause or resize the shell.
        var signals = sigset_t()
        sigemptyset(&signals)
        for signal in ending + [SIGINT, SIGTSTP, SIGCONT, SIGWINCH] { sigaddset(&signals, signal) }
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }

    /// Does what the handlers left for later, outside any handler: called by the character
    /// reader, inside `readline`, before each read.
    static func catchUp() {
        if windowResized.exchange(false, ordering: .relaxed) { rl_resize_terminal() }
        if continuedAfterStop.exchange(false, ordering: .relaxed) {
            if bracketedPasteOn.load(ordering: .relaxed) { turnOnBracketedPaste() }
            // libedit still takes the terminal to be in editing mode, while the shell that ran
            // `fg` has set its own; leaving the mode and entering it again sets it afresh.
            rl_deprep_terminal()
            rl_prep_terminal(0)
            rl_forced_update_display()
        }
    }

    /// Without `SA_RESTART`, so a read blocked at the time returns and the reader can act.
    fileprivate static func handle(_ signal: Int32, with handler: @convention(c) (Int32) -> Void) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(signal, &action, nil)
    }
}

private func restoreSettingsAtStart() {
    if hasSettingsAtStart.load(ordering: .relaxed) {
        tcsetattr(STDIN_FILENO, TCSANOW, settingsAtStart)
    }
}

/// Unblocked at once, so a signal raised in its own handler is acted on there and then.
private func raiseWithDefaultAction(_ signal: Int32) {
    Glibc.signal(signal, SIG_DFL)
    var only = sigset_t()
    sigemptyset(&only)
    sigaddset(&only, signal)
    pthread_sigmask(SIG_UNBLOCK, &only, nil)
    raise(signal)
}

/// SIGTERM, SIGHUP, SIGQUIT: the style reset and the terminal as it was, then the signal again with its default
/// action, so the parent sees the process ended by it (a shell reports 128 + its number).
private func endingSignalReceived(_ signal: Int32) {
    resetStyleIfUsed()
    restoreSettingsAtStart()
    raiseWithDefaultAction(signal)
}

/// A crash: the terminal as it was, then the handler from before ours. A fault returned from
/// happens again at once and reaches that handler with its own details; a crash signal sent
/// by `kill` or `abort` does not come back by itself, so it is raised again.
private func crashSignalReceived(
    _ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _: UnsafeMutableRawPointer?
) {
    resetStyleIfUsed()
    restoreSettingsAtStart()
    sigaction(signal, actionsBeforeOurs + Int(signal), nil)
    if let info, info.pointee.si_code <= 0 { raise(signal) }
}

/// Ctrl-Z: the terminal as it was, then stop; when continued, catch Ctrl-Z again and let the
/// reader restore the editing mode.
private func stopRequested(_ signal: Int32) {
    resetStyleIfUsed()
    restoreSettingsAtStart()
    raiseWithDefaultAction(SIGTSTP)
    // Here the process has been continued.
    TerminalSignals.handle(SIGTSTP, with: stopRequested)
    continuedAfterStop.store(true, ordering: .relaxed)
}
