@preconcurrency import CLibEdit
import Foundation
import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumText
import MagnesiumTranscripts
import MagnesiumUnderstanding

/// The shell's history on disk: `$XDG_STATE_HOME/magnesium/history`, by default
/// `~/.local/state/magnesium/history`, in a folder of mode 0700 and a file of mode 0600
/// (questions can be private), holding at most ``capacity`` lines.
///
/// The file is rewritten whole after each line: written beside itself, then renamed over,
/// so a crash never leaves half a file. Sessions running at the same time share it: each
/// save reads the file again and adds only this session's new lines, under a lock, so every
/// session's lines stay (see ``save(linesThisSession:)``). libedit's `history_truncate_file`
/// is never used, because it drops the file's `_HiStOrY_V2_` header and the next read then
/// fails. Any trouble (a folder that cannot be made, a file that cannot be read or written)
/// gives one warning on stderr, and the session carries on with its history in memory.
final class HistoryFile {
    static let capacity = 1_000
    /// The first line of every file libedit writes; without it libedit refuses the file.
    static let header = "_HiStOrY_V2_"
    /// How long a save waits for another session's save to finish before writing anyway.
    static let lockPatience: Duration = .seconds(2)

    /// The path as configured, for messages.
    let path: String
    /// Where the lines are written: the path, or the file it links to.
    private var target: String
    private var keepsFile = true
    private var warned = false
    /// How many of this session's lines are in the file.
    private var savedLineCount = 0
    private let warn: (String) -> Void

    init(path: String, warn: @escaping (String) -> Void = { Output.error($0) }) {
        self.path = path
        self.target = path
        self.warn = warn
    }

    /// The history file for an environment: `$XDG_STATE_HOME/magnesium/history`, or
    /// `$HOME/.local/state/magnesium/history` when XDG_STATE_HOME is unset, empty or relative
    /// (the XDG spec says relative values must be ignored). Nil without either, and when HOME is
    /// not a folder that exists: nothing is created under a HOME such as Debian's `/nonexistent`.
    static func defaultPath(environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/magnesium/history"
        }
        guard let home = environment["HOME"], !home.isEmpty, FileIO.isFolder(home) else {
            return nil
        }
        return (home.hasSuffix("/") ? String(home.dropLast()) : home)
            + "/.local/state/magnesium/history"
    }

    /// Loads the file into libedit's history, creating its folder (mode 0700) if needed.
    /// A file libedit cannot parse is moved aside to `history.corrupt`, never overwritten.
    func load() {
        let folder = (path as NSString).deletingLastPathComponent
        if let failure = Self.makeFolders(folder) {
            giveUp("cannot create \(folder) (\(failure))")
            return
        }
        var status = stat()
        guard lstat(path, &status) == 0 else {
            if errno != ENOENT { giveUp("cannot read \(path) (\(Self.reason(errno)))") }
            return
        }
        if status.st_mode & S_IFMT == S_IFLNK, let resolved = realpath(path, nil) {
            target = String(cString: resolved)
            free(resolved)
            // a dangling link: the first write creates its target
            guard stat(target, &status) == 0 else { return }
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            giveUp("\(path) is not a regular file")
            return
        }
        if access(target, W_OK) != 0 || status.st_mode & 0o200 == 0 {
            // Read-only on purpose: its lines are used, and it is never replaced.
            giveUp("\(path) is read-only")
        }
        let failure = read_history(target)
        if failure == 0 || failure == ENOENT || status.st_size == 0 { return }
        clear_history()
        if failure == EACCES || failure == EPERM {
            giveUp("cannot read \(path) (\(Self.reason(failure)))")
            return
        }
        // libedit refuses the whole file (EINVAL: no `_HiStOrY_V2_` header): keep it for the person
        // to look at.
        let aside = target + ".corrupt"
        guard rename(target, aside) == 0 else {
            giveUp(
                "\(path) is not a history file magnesium can read, and it cannot be moved aside (\(Self.reason(errno)))"
            )
            return
        }
        warnOnce(
            "\(path) is not a history file magnesium can read; moved it to \(aside) and started a new one"
        )
    }

    /// Adds this session's lines that are not in the file yet (the newest of libedit's
    /// history) to the end of the file as it is now, keeping its last ``capacity`` lines.
    ///
    /// Another session may have saved since this one started, so the file is read again just
    /// before it is replaced, and the reading, merging and renaming happen under an exclusive
    /// `flock` on `history.lock` beside it, which every session takes: lines saved by sessions
    /// closing at the same moment all stay. (The lock is a file of its own because the history
    /// file is replaced by a rename, and a lock on the replaced file would exclude no one.)
    ///
    /// - Parameter linesThisSession: how many lines this session has added to libedit's history.
    func save(linesThisSession: Int) {
        guard keepsFile else { return }
        let folder = (target as NSString).deletingLastPathComponent
        let lock = open(target + ".lock", O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        defer { if lock >= 0 { close(lock) } }  // closing releases the lock
        if lock >= 0 { Self.waitForLock(lock) }

        let temporary = folder + "/.history.\(getpid()).tmp"
        defer { unlink(temporary) }
        // libedit writes its whole history, each line encoded its own way; this session's new
        // lines are the last of them. Lines stay bytes: a line need not be valid UTF-8.
        guard let written = writeLibeditHistory(to: temporary) else { return }
        let newLines = written.suffix(max(0, min(linesThisSession - savedLineCount, written.count)))
        guard var lines = storedLines() else { return }
        for line in newLines where line != lines.last { lines.append(line) }
        let newline: [UInt8] = [0x0A]
        let bytes =
            ([Array(Self.header.utf8)] + lines.suffix(Self.capacity)).joined(separator: newline)
            + newline
        do {
            // Private (0600) whatever the file was; written whole and renamed, so never half a
            // history.
            try FileIO.write(
                Array(bytes), to: target, replace: true, replaceReadOnly: true, mode: 0o600,
                resetMode: true)
        } catch {
            giveUp("cannot write \(path) (\(error.message))")
            return
        }
        savedLineCount = linesThisSession
    }

    /// Takes the lock, waiting for another session's save to end; after ``lockPatience``
    /// goes on without it, since the session holding it may be stopped (Ctrl-Z) mid-save.
    /// The file stays whole either way; at worst one line of the other session is missing.
    private static func waitForLock(_ lock: Int32) {
        let clock = ContinuousClock()
        let deadline = clock.now + lockPatience
        while flock(lock, LOCK_EX | LOCK_NB) != 0 && clock.now < deadline {
            usleep(5_000)
        }
    }

    /// libedit's history as written to `path`, one encoded line per entry, header left out;
    /// nil after a failure, which has been reported.
    private func writeLibeditHistory(to path: String) -> [[UInt8]]? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            giveUp("cannot write \(self.path) (\(Self.reason(errno)))")
            return nil
        }
        // open's mode is narrowed by the umask, and the file may be older
        fchmod(descriptor, 0o600)
        close(descriptor)
        let failure = write_history(path)
        guard failure == 0, case .success(let bytes) = FileIO.read(Array(path.utf8)) else {
            giveUp("cannot write \(self.path) (\(Self.reason(failure != 0 ? failure : EIO)))")
            return nil
        }
        return Array(Self.lines(bytes).dropFirst())
    }

    /// The encoded lines in the file now, header left out: none when there is no file yet.
    /// A file that is not libedit's (written by something else since the session started) is
    /// moved aside to `history.corrupt`, as ``load()`` does; nil when that or reading fails.
    private func storedLines() -> [[UInt8]]? {
        let bytes: [UInt8]
        switch FileIO.read(Array(target.utf8)) {
        case .success(let read): bytes = read
        case .failure(.cannotOpen(ENOENT)): return []
        case .failure(let failure):
            giveUp("cannot read \(path) (\(failure))")
            return nil
        }
        let lines = Self.lines(bytes)
        if lines.isEmpty { return [] }
        if lines[0] == Array(Self.header.utf8) { return Array(lines.dropFirst()) }
        let aside = target + ".corrupt"
        guard rename(target, aside) == 0 else {
            giveUp(
                "\(path) is not a history file magnesium can read, and it cannot be moved aside (\(Self.reason(errno)))"
            )
            return nil
        }
        warnOnce(
            "\(path) is not a history file magnesium can read; moved it to \(aside) and started a new one"
        )
        return []
    }

    private static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        bytes.split(separator: 0x0A).map(Array.init)
    }

    private func giveUp(_ problem: String) {
        keepsFile = false
        warnOnce(problem + "; this session's history will not be kept")
    }

    private func warnOnce(_ message: String) {
        guard !warned else { return }
        warned = true
        warn("magnesium: warning: " + message)
    }

    /// Creates each missing folder of the path with mode 0700; the reason on failure.
    private static func makeFolders(_ folder: String) -> String? {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            return isDirectory.boolValue ? nil : "a file is in the way"
        }
        let parent = (folder as NSString).deletingLastPathComponent
        if parent != folder, let failure = makeFolders(parent) { return failure }
        if mkdir(folder, 0o700) != 0 && errno != EEXIST { return reason(errno) }
        chmod(folder, 0o700)  // mkdir's mode is narrowed by the umask; 0700 is what is wanted
        return nil
    }

    private static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
