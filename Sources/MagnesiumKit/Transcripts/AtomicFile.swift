import Foundation

/// Writes a whole file so that a reader sees either the old text or the new, never half:
/// the text goes to a temporary file in the same folder, which is then renamed over the target.
public enum AtomicFile {
    public enum Failure: Error, Sendable, Equatable {
        /// `replace: false` and the file is already there.
        case exists
        case cannotWrite(String)
    }

    /// Writes `text` to `path`. With `replace: false` an existing file is never touched,
    /// checked atomically (a hard link, not a test-then-write race).
    public static func write(_ text: String, to path: String, replace: Bool) throws(Failure) {
        let target = URL(fileURLWithPath: path)
        let folder = target.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(text.utf8)) else {
            throw .cannotWrite("cannot create a temporary file in \(folder.path)")
        }
        defer { unlink(temporary.path) }
        // Keep the permissions of the file being replaced.
        var status = stat()
        if stat(path, &status) == 0 { chmod(temporary.path, status.st_mode & 0o7777) }
        let descriptor = open(temporary.path, O_RDONLY)
        if descriptor >= 0 {
            fsync(descriptor)
            close(descriptor)
        }
        if replace {
            guard rename(temporary.path, path) == 0 else { throw .cannotWrite(String(cString: strerror(errno))) }
        } else {
            guard link(temporary.path, path) == 0 else {
                throw errno == EEXIST ? .exists : .cannotWrite(String(cString: strerror(errno)))
            }
        }
    }
}
