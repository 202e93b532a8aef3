import Foundation
import MagnesiumText

/// Writes a whole file so that a reader sees either the old text or the new, never half:
/// the text goes to a temporary file in the same folder, which is then renamed over the target.
///
/// Only regular files are ever replaced. A symbolic link is written through, so the file it
/// points to gets the new text and the link stays; a device, FIFO, socket or folder (or a link
/// to one, or a link to nothing) is refused. The replaced file keeps its permissions (and its
/// owner, where the system allows it), and a read-only file is refused unless the caller says
/// it may be replaced.
public enum AtomicFile {
    public enum Failure: Error, Sendable, Equatable {
        /// `replace: false` and the file is already there.
        case exists
        /// The file is read-only (no write permission, for this user or for anyone) and
        /// `replaceReadOnly` was false.
        case readOnly
        /// Why the file could not be written, in words (with the system's reason where there is one).
        case cannotWrite(String)

        /// One line for a person: "exists", "is read-only", or the reason.
        public var message: String {
            switch self {
            case .exists: "it exists"
            case .readOnly: "it is read-only"
            case let .cannotWrite(reason): reason
            }
        }
    }

    /// Writes `text` to `path`. With `replace: false` an existing file is never touched,
    /// checked atomically (a hard link, not a test-then-write race). With `replace: true` an
    /// existing regular file (or the regular file a link points to) is replaced; a read-only one
    /// only when `replaceReadOnly` is true.
    public static func write(_ text: String, to path: String, replace: Bool, replaceReadOnly: Bool = false) throws(Failure) {
        var target = path
        var existing = stat()
        if lstat(path, &existing) == 0 {
            if !replace { throw .exists }
            if existing.st_mode & S_IFMT == S_IFLNK {
                guard let resolved = realpath(path, nil) else { throw .cannotWrite("it is a symbolic link to nothing") }
                target = String(cString: resolved)
                free(resolved)
                guard stat(target, &existing) == 0 else { throw .cannotWrite(reason(errno)) }
            }
            switch existing.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: throw .cannotWrite("it is a folder")
            default: throw .cannotWrite("it is not a regular file (a device, FIFO or socket is never replaced)")
            }
            let writable = access(target, W_OK) == 0 && existing.st_mode & 0o222 != 0
            if !writable && !replaceReadOnly { throw .readOnly }
        } else if errno != ENOENT {
            throw .cannotWrite(reason(errno))
        }

        let targetURL = URL(fileURLWithPath: target)
        let folder = targetURL.deletingLastPathComponent().path
        let temporary = (folder as NSString).appendingPathComponent(".\(targetURL.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotWrite("cannot create a temporary file in \(folder) (\(reason(errno)))") }
        defer { unlink(temporary) }
        if let failure = writeAll(descriptor, text) {
            close(descriptor)
            throw .cannotWrite("cannot write a temporary file in \(folder) (\(reason(failure)))")
        }
        if existing.st_mode & S_IFMT == S_IFREG {
            // Keep the permissions, and the owner where allowed, of the file being replaced.
            fchmod(descriptor, existing.st_mode & 0o7777)
            _ = fchown(descriptor, existing.st_uid, existing.st_gid)
        }
        let synced = fsync(descriptor) == 0 ? nil : reason(errno)
        close(descriptor)
        if let synced { throw .cannotWrite("cannot write a temporary file in \(folder) (\(synced))") }
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
            let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return written < 0 ? errno : EIO }
            offset += written
        }
        return nil
    }

    private static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
