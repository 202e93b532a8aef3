import Foundation
import MagnesiumText

/// The `*.yaml` files of a knowledge folder, found by the one walk both the loader and the
/// compiled cache's key use, so the two always agree on what the knowledge is.
///
/// The walk is bounded and never blocks: symbolic links to folders are not followed (a link
/// loop or a fan-out of links costs nothing), a folder reached twice (a bind mount) is walked
/// once, depth and the number of entries are capped, and only regular files are read (a FIFO or
/// a device named `x.yaml` is reported, never opened for reading in a way that could wait). Names
/// are kept as the bytes the system gave, so a name that is not UTF-8 is still read. Emacs lock
/// files (`.#x.yaml`, links to nothing while a file is being edited) are skipped.
package struct KnowledgeFolder {
    /// A YAML file found: its path as bytes (for opening) and its path inside the folder.
    package struct File {
        package var path: [UInt8]
        /// The path inside the folder, as bytes: sorted and hashed as they are.
        package var relative: [UInt8]
        /// The relative path as messages show it (invalid UTF-8 repaired).
        var shown: String { String(decoding: relative, as: UTF8.self) }
    }

    static let deepest = 32
    static let mostEntries = 100_000

    package var files: [File] = []
    /// Folders that could not be read, files that are not regular, and limits reached, with the
    /// path inside the folder each is about ("" for the folder itself).
    package var problems: [(relative: String, message: String)] = []

    /// Walks `root`; the files come sorted by their relative path's bytes.
    package init(root: String) {
        var visited: Set<[UInt64]> = []
        var entries = 0
        walk(Array(root.utf8), relative: [], depth: 0, visited: &visited, entries: &entries)
        files.sort { $0.relative.lexicographicallyPrecedes($1.relative) }
    }

    private static func describeErrno(_ code: Int32) -> String { String(cString: strerror(code)) }

    private mutating func walk(
        _ folder: [UInt8], relative: [UInt8], depth: Int, visited: inout Set<[UInt64]>,
        entries: inout Int
    ) {
        let shown = String(decoding: relative, as: UTF8.self)
        guard depth < Self.deepest else {
            problems.append(
                (shown, "folders nested more than \(Self.deepest) deep; the rest is not read"))
            return
        }
        var info = stat()
        guard Self.call(folder, { stat($0, &info) }) == 0 else {
            problems.append((shown, "folder cannot be read (\(Self.describeErrno(errno)))"))
            return
        }
        guard visited.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted else { return }
        guard let handle = Self.call(folder, { opendir($0) }) else {
            problems.append((shown, "folder cannot be read (\(Self.describeErrno(errno)))"))
            return
        }
        defer { closedir(handle) }
        while true {
            errno = 0
            guard let entry = readdir(handle) else {
                if errno != 0 {
                    problems.append((shown, "folder cannot be read (\(Self.describeErrno(errno)))"))
                }
                break
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix(while: { $0 != 0 }))
            }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            entries += 1
            if entries > Self.mostEntries {
                problems.append(
                    (shown, "more than \(Self.mostEntries) files and folders; the rest is not read")
                )
                return
            }
            let path = folder + [0x2F] + name
            let inside = relative.isEmpty ? name : relative + [0x2F] + name
            let isYAML = name.count > 5 && name.suffix(5).elementsEqual(".yaml".utf8)
            // An Emacs lock file (".#x.yaml") is a link to nothing while a file is being edited.
            if name.starts(with: [0x2E, 0x23]) { continue }
            var own = stat()
            guard Self.call(path, { lstat($0, &own) }) == 0 else { continue }  // gone since readdir
            switch own.st_mode & S_IFMT {
            case S_IFDIR:
                if isYAML { refuse(inside, "it is a folder, not a file") }
                walk(path, relative: inside, depth: depth + 1, visited: &visited, entries: &entries)
            case S_IFREG:
                if isYAML { files.append(File(path: path, relative: inside)) }
            case S_IFLNK where isYAML:
                addLinkedFile(path, inside: inside)
            case S_IFLNK:
                continue
            default:
                if isYAML { refuse(inside, "a device, FIFO or socket, not a regular file") }
            }
        }
    }

    /// A link named `x.yaml`: a link to a file is read; a link to a folder is not followed but
    /// named; a link to nothing is named.
    private mutating func addLinkedFile(_ path: [UInt8], inside: [UInt8]) {
        var target = stat()
        if Self.call(path, { stat($0, &target) }) != 0 {
            refuse(inside, "a symbolic link that leads nowhere: \(Self.describeErrno(errno))")
        } else if (target.st_mode & S_IFMT) == S_IFREG {
            files.append(File(path: path, relative: inside))
        } else if (target.st_mode & S_IFMT) == S_IFDIR {
            refuse(inside, "a link to a folder, not a file")
        } else {
            refuse(inside, "a link to a device, FIFO or socket, not a regular file")
        }
    }

    private mutating func refuse(_ inside: [UInt8], _ why: String) {
        problems.append((String(decoding: inside, as: UTF8.self), "cannot be read (\(why))"))
    }

    /// Calls `body` with `path` as a C string.
    static func call<T>(_ path: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
        (path + [0]).withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                body($0)
            }
        }
    }
}
