import Foundation
import MagnesiumText

/// The program's one way to read a whole file, write all of a buffer, and replace a file
/// atomically (transcripts, `:save`, the compiled cache and the history all use it).
///
/// A whole-file write is atomic: a reader sees either the old text or the new, never half.
/// The text goes to a temporary file in the same folder, which is then renamed over the target.
/// Only regular files are ever replaced. A symbolic link is written through, so the file it
/// points to gets the new text and the link stays; a device, FIFO, socket or folder (or a link
/// to one, or a link to nothing) is refused. The replaced file keeps its permissions (and its
/// owner, where the system allows it), and a read-only file is refused unless the caller says
/// it may be replaced.
public enum FileIO {
    /// The whole contents of a regular file, or why not. Opened without blocking, so a FIFO put
    /// in a file's place after the walk is refused rather than waited on.
    /// With `ownedByMe`, a file another user owns, or that group or others may write, is refused
    /// (a compiled cache anyone else can rewrite could change the answers).
    public static func read(_ path: [UInt8], atMost: Int = .max, ownedByMe: Bool = false) -> Result<
        [UInt8], ReadError
    > {
        withOpenFile(path, atMost: atMost, ownedByMe: ownedByMe) { descriptor, size in
            readAll(descriptor, expected: size, atMost: atMost)
        }
    }

    /// Opens `path` as ``read(_:atMost:ownedByMe:)`` does, checks it, and hands `body` the
    /// descriptor and the size `fstat` gave.
    private static func withOpenFile<T>(
        _ path: [UInt8], atMost: Int, ownedByMe: Bool,
        _ body: (Int32, Int) -> Result<T, ReadError>
    ) -> Result<T, ReadError> {
        let descriptor = KnowledgeFolder.call(path) {
            open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        }
        guard descriptor >= 0 else { return .failure(.cannotOpen(errno)) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(.cannotOpen(errno)) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failure(.notRegular) }
        guard Int(info.st_size) <= atMost else { return .failure(.tooLarge) }
        if ownedByMe, info.st_uid != geteuid() || (info.st_mode & 0o022) != 0 {
            return .failure(.notMine)
        }
        return body(descriptor, Int(info.st_size))
    }

    /// Everything left to read from `descriptor`, `expected` bytes unless the file changed size.
    /// Filled by read(2) rather than zeroed first, and with room for one byte more than expected,
    /// so that seeing the end never moves what was read: the compiled cache and the YAML the
    /// cache key hashes are megabytes read at every start, and every page first touched costs
    /// microseconds.
    private static func readAll(_ descriptor: Int32, expected size: Int, atMost: Int) -> Result<
        [UInt8], ReadError
    > {
        var failure: ReadError?
        var bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
            count = fill(descriptor, buffer, failure: &failure)
        }
        if let failure { return .failure(failure) }
        if bytes.count <= size { return .success(bytes) }  // the file did not grow, or shrank
        var filled = bytes.count
        while true {
            if filled == bytes.count {
                bytes.append(contentsOf: [UInt8](repeating: 0, count: 4096))
            }  // the file grew
            let result = bytes.withUnsafeMutableBytes { buffer in
                Foundation.read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if result < 0 {
                if errno == EINTR { continue }
                return .failure(.cannotRead(errno))
            }
            if result == 0 { break }
            filled += result
            if filled > atMost { return .failure(.tooLarge) }
        }
        bytes.removeSubrange(filled...)
        return .success(bytes)
    }

    /// Reads into `buffer` until it is full or the file ends; how many bytes were read.
    private static func fill(
        _ descriptor: Int32, _ buffer: UnsafeMutableBufferPointer<UInt8>,
        failure: inout ReadError?
    ) -> Int {
        var count = 0
        while count < buffer.count {
            let result = Foundation.read(
                descriptor, buffer.baseAddress! + count, buffer.count - count)
            if result < 0 {
                if errno == EINTR { continue }
                failure = .cannotRead(errno)
                break
            }
            if result == 0 { break }
            count += result
        }
        return count
    }

    /// Hands `body` a whole file in pieces of `buffer.count` bytes (the last may be shorter), all
    /// read into the one buffer: for hashing files, whose bytes need not be kept, without touching
    /// fresh memory for each. The pieces depend only on the file's bytes, never on how read(2)
    /// split them. Opened and checked as ``read(_:atMost:ownedByMe:)`` does.
    public static func readPieces(
        _ path: [UInt8], into buffer: UnsafeMutableBufferPointer<UInt8>,
        _ body: (UnsafeBufferPointer<UInt8>) -> Void
    ) -> Result<Void, ReadError> {
        precondition(buffer.count > 0, "readPieces needs a buffer")
        return withOpenFile(path, atMost: .max, ownedByMe: false) { descriptor, _ in
            var failure: ReadError?
            while true {
                let count = fill(descriptor, buffer, failure: &failure)
                if let failure { return .failure(failure) }
                body(UnsafeBufferPointer(rebasing: buffer[..<count]))
                if count < buffer.count { return .success(()) }
            }
        }
    }

    /// Hands `body` the whole contents of a regular file mapped into memory rather than copied:
    /// the kernel's cached pages are shared instead of each being copied into fresh memory. Opened
    /// and checked as ``read(_:atMost:ownedByMe:)`` does; the mapping lasts only while `body`
    /// runs, so nothing `body` returns may point into it.
    ///
    /// Only for files that are replaced by renaming a new file over them, never rewritten in
    /// place (the compiled cache): a file cut short while it is mapped would end the program
    /// with SIGBUS instead of an error.
    public static func withMappedFile<T>(
        _ path: [UInt8], atMost: Int = .max, ownedByMe: Bool = false,
        _ body: (UnsafeBufferPointer<UInt8>) -> T
    ) -> Result<T, ReadError> {
        withOpenFile(path, atMost: atMost, ownedByMe: ownedByMe) { descriptor, size in
            guard size > 0 else { return .success(body(UnsafeBufferPointer(start: nil, count: 0))) }
            guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0),
                mapped != MAP_FAILED
            else { return .failure(.cannotRead(errno)) }
            defer { munmap(mapped, size) }
            return .success(
                body(
                    UnsafeBufferPointer(
                        start: mapped.assumingMemoryBound(to: UInt8.self), count: size)))
        }
    }

    /// Why a file could not be read.
    public enum ReadError: Error, CustomStringConvertible {
        case cannotOpen(Int32)
        case cannotRead(Int32)
        case notRegular
        case tooLarge
        case notMine

        public var description: String {
            switch self {
            case .cannotOpen(let code), .cannotRead(let code):
                return String(cString: strerror(code))
            case .notRegular: return "not a regular file"
            case .tooLarge: return "too large"
            case .notMine: return "owned by another user or writable by others"
            }
        }
    }

    /// Why a file could not be written.
    public enum WriteFailure: Error, Sendable, Equatable {
        /// `replace: false` and the file is already there.
        case exists
        /// The file is read-only (no write permission, for this user or for anyone) and
        /// `replaceReadOnly` was false.
        case readOnly
        /// Why the file could not be written, in words (with the system's reason where there is
        /// one).
        case cannotWrite(String)

        /// One line for a person: "exists", "is read-only", or the reason.
        public var message: String {
            switch self {
            case .exists: "it exists"
            case .readOnly: "it is read-only"
            case .cannotWrite(let reason): reason
            }
        }
    }

    /// Writes `text` to `path`. With `replace: false` an existing file is never touched,
    /// checked atomically (a hard link, not a test-then-write race). With `replace: true` an
    /// existing regular file (or the regular file a link points to) is replaced; a read-only one
    /// only when `replaceReadOnly` is true.
    ///
    /// A new file gets `mode` (narrowed by the umask); a replaced one keeps its own unless
    /// `resetMode` is true.
    public static func write(
        _ text: String, to path: String, replace: Bool, replaceReadOnly: Bool = false,
        mode: mode_t = 0o644,
        resetMode: Bool = false
    ) throws(WriteFailure) {
        try write(
            Array(text.utf8), to: path, replace: replace, replaceReadOnly: replaceReadOnly,
            mode: mode, resetMode: resetMode)
    }

    /// Writes `bytes` to `path`, as ``write(_:to:replace:replaceReadOnly:mode:resetMode:)`` writes
    /// text.
    public static func write(
        _ bytes: [UInt8], to path: String, replace: Bool, replaceReadOnly: Bool = false,
        mode: mode_t = 0o644,
        resetMode: Bool = false
    ) throws(WriteFailure) {
        var failure: WriteFailure?
        bytes.withUnsafeBytes { buffer in
            do {
                try write(
                    buffer, to: path, replace: replace, replaceReadOnly: replaceReadOnly,
                    mode: mode, resetMode: resetMode)
            } catch {
                failure = error as? WriteFailure ?? .cannotWrite("\(error)")
            }
        }
        if let failure { throw failure }
    }

    /// Writes `bytes` to `path`, as ``write(_:to:replace:replaceReadOnly:mode:resetMode:)`` writes
    /// text.
    public static func write(
        _ bytes: UnsafeRawBufferPointer, to path: String, replace: Bool,
        replaceReadOnly: Bool = false,
        mode: mode_t = 0o644, resetMode: Bool = false
    ) throws(WriteFailure) {
        var target = path
        var existing = stat()
        if lstat(path, &existing) == 0 {
            if !replace { throw .exists }
            if existing.st_mode & S_IFMT == S_IFLNK {
                guard let resolved = realpath(path, nil) else {
                    throw .cannotWrite("it is a symbolic link to nothing")
                }
                target = String(cString: resolved)
                free(resolved)
                guard stat(target, &existing) == 0 else { throw .cannotWrite(reason(errno)) }
            }
            switch existing.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: throw .cannotWrite("it is a folder")
            default:
                throw .cannotWrite(
                    "it is not a regular file (a device, FIFO or socket is never replaced)")
            }
            let writable = access(target, W_OK) == 0 && existing.st_mode & 0o222 != 0
            if !writable && !replaceReadOnly { throw .readOnly }
        } else if errno != ENOENT {
            throw .cannotWrite(reason(errno))
        }

        let targetURL = URL(fileURLWithPath: target)
        let folder = targetURL.deletingLastPathComponent().path
        let temporary = (folder as NSString).appendingPathComponent(
            ".\(targetURL.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            throw .cannotWrite("cannot create a temporary file in \(folder) (\(reason(errno)))")
        }
        defer { unlink(temporary) }
        if let failure = writeAll(descriptor, bytes) {
            close(descriptor)
            throw .cannotWrite("cannot write a temporary file in \(folder) (\(reason(failure)))")
        }
        if existing.st_mode & S_IFMT == S_IFREG && !resetMode {
            // Keep the permissions, and the owner where allowed, of the file being replaced.
            fchmod(descriptor, existing.st_mode & 0o7777)
            _ = fchown(descriptor, existing.st_uid, existing.st_gid)
        }
        let synced = fsync(descriptor) == 0 ? nil : reason(errno)
        close(descriptor)
        if let synced {
            throw .cannotWrite("cannot write a temporary file in \(folder) (\(synced))")
        }
        if replace {
            guard rename(temporary, target) == 0 else { throw .cannotWrite(reason(errno)) }
        } else {
            guard link(temporary, target) == 0 else {
                throw errno == EEXIST ? .exists : .cannotWrite(reason(errno))
            }
        }
    }

    /// Writes every byte of `text`, retrying after signals: nil, or the errno of the failed write
    /// (EIO when a write makes no progress). The one write loop of the program.
    public static func writeAll(_ descriptor: Int32, _ text: String) -> Int32? {
        var text = text
        return text.withUTF8 { writeAll(descriptor, UnsafeRawBufferPointer($0)) }
    }

    /// Writes every byte of `bytes`; as ``writeAll(_:_:)-(_,String)``.
    public static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(
                descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return written < 0 ? errno : EIO }
            offset += written
        }
        return nil
    }

    // MARK: - Paths

    /// Whether `path` names a folder (a link to one counts).
    public static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// Whether `path` names a regular file (a link to one counts).
    public static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    /// `name` inside `folder`, with one slash between.
    public static func joined(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    private static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
