@preconcurrency import CLibEdit
import Foundation

/// The shell's history on disk: `$XDG_STATE_HOME/magnesium/history`, by default
/// `~/.local/state/magnesium/history`, in a folder of mode 0700 and a file of mode 0600
/// (questions can be private), holding at most ``capacity`` lines.
///
/// The file is rewritten whole after each line: written beside itself, then renamed over,
/// so a crash never leaves half a file (two sessions at once: the last to write wins).
/// libedit's `history_truncate_file` is never used, because it drops the file's
/// `_HiStOrY_V2_` header and the next read then fails. Any trouble (a folder that cannot be
/// made, a file that cannot be read or written) gives one warning on stderr, and the
/// session carries on with its history in memory.
final class HistoryFile {
    static let capacity = 1_000

    /// The path as configured, for messages.
    let path: String
    /// Where the lines are written: the path, or the file it links to.
    private var target: String
    private var keepsFile = true
    private var warned = false
    private let warn: (String) -> Void

    init(path: String, warn: @escaping (String) -> Void = { Output.error($0) }) {
        self.path = path
        self.target = path
        self.warn = warn
    }

    /// The history file for an environment: `$XDG_STATE_HOME/magnesium/history`, or
    /// `$HOME/.local/state/magnesium/history` when XDG_STATE_HOME is unset, empty or relative
    /// (the XDG spec says relative values must be ignored). Nil without either.
    static func defaultPath(environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/magnesium/history"
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return (home.hasSuffix("/") ? String(home.dropLast()) : home) + "/.local/state/magnesium/history"
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
            guard stat(target, &status) == 0 else { return }  // a dangling link: the first write creates its target
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            giveUp("\(path) is not a regular file")
            return
        }
        let failure = read_history(target)
        if failure == 0 || failure == ENOENT || status.st_size == 0 { return }
        clear_history()
        if failure == EACCES || failure == EPERM {
            giveUp("cannot read \(path) (\(Self.reason(failure)))")
            return
        }
        // libedit refuses the whole file (EINVAL: no `_HiStOrY_V2_` header): keep it for the person to look at.
        let aside = target + ".corrupt"
        guard rename(target, aside) == 0 else {
            giveUp("\(path) is not a history file magnesium can read, and it cannot be moved aside (\(Self.reason(errno)))")
            return
        }
        warnOnce("\(path) is not a history file magnesium can read; moved it to \(aside) and started a new one")
    }

    /// Writes libedit's history (the last ``capacity`` lines) to the file.
    func save() {
        guard keepsFile else { return }
        let folder = (target as NSString).deletingLastPathComponent
        let temporary = folder + "/.history.\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            giveUp("cannot write \(path) (\(Self.reason(errno)))")
            return
        }
        fchmod(descriptor, 0o600)
        close(descriptor)
        let failure = write_history(temporary)
        if failure != 0 || rename(temporary, target) != 0 {
            let reason = Self.reason(failure != 0 ? failure : errno)
            unlink(temporary)
            giveUp("cannot write \(path) (\(reason))")
        }
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
