import Foundation
import MagnesiumKnowledge
import MagnesiumText
import MagnesiumUnderstanding

/// Keeps the loaded graph between runs as a ``CompiledGraph`` file, so a start-up reads a few
/// hundred KB of binary instead of parsing the YAML with Yams.
///
/// YAML stays what people edit. A cache file is used only when its header names the same
/// format version and the same key: a hash of every `*.yaml` file's path and bytes, the
/// folder's path and the running program's build. Anything else (no file, another key, a
/// wrong checksum, bytes that do not decode strictly) means: parse the YAML, then replace the
/// file (written to a temporary file in the same folder, then renamed). A cache folder that
/// cannot be written only means the next start parses the YAML again.
///
/// Files live in `$XDG_CACHE_HOME/magnesium/`, else `~/.cache/magnesium/`; one per knowledge
/// folder. `MAGNESIUM_CACHE=off` turns the cache off.
public struct CompiledKnowledgeCache: Sendable {
    /// Where cache files go, as an absolute path; nil turns caching off. Kept as text: a start-up
    /// works on paths, and Foundation's `URL` cost a start a few tenths of a millisecond.
    public var directoryPath: String?

    /// ``directoryPath`` as a file URL.
    public var directory: URL? {
        get { directoryPath.map { URL(fileURLWithPath: $0, isDirectory: true) } }
        set { directoryPath = newValue?.standardizedFileURL.path }
    }

    public init(directory: URL?) {
        self.directoryPath = directory?.standardizedFileURL.path
    }

    /// The standard place for this environment: `$XDG_CACHE_HOME/magnesium`, else
    /// `$HOME/.cache/magnesium` when HOME is a folder that exists (nothing is created under a HOME
    /// that does not, such as Debian's `/nonexistent`); no cache otherwise.
    public init(environment: [String: String]) {
        if let setting = environment["MAGNESIUM_CACHE"],
            ["off", "0", "no", "false"].contains(setting.lowercased())
        {
            directoryPath = nil
        } else if let base = environment["XDG_CACHE_HOME"], base.hasPrefix("/") {
            directoryPath = FileIO.joined(base, "magnesium")
        } else if let home = environment["HOME"], home.hasPrefix("/"), FileIO.isFolder(home) {
            directoryPath = FileIO.joined(home, ".cache/magnesium")
        } else {
            directoryPath = nil
        }
    }

    /// The environment variables ``init(environment:)`` reads.
    public static let environmentNames = ["MAGNESIUM_CACHE", "XDG_CACHE_HOME", "HOME"]

    /// The cache for the running process's environment.
    public static var standard: CompiledKnowledgeCache {
        CompiledKnowledgeCache(environment: ProcessInfo.processInfo.environment)
    }

    /// Where a graph came from, and why the cache was not used.
    public enum Origin: Sendable, Equatable {
        /// Decoded from a cache file whose key matched.
        case cache
        /// Parsed from YAML; `reason` says why the cache was not used.
        case yaml(reason: String)
    }

    /// A loaded graph and how it was obtained.
    public struct Loaded: Sendable {
        public var graph: Graph
        /// The matcher's tables for `graph`, built afresh or read from the cache file.
        var matcher: Understander.Tables
        public var origin: Origin
        /// True when a fresh cache file was written after parsing the YAML.
        public var stored: Bool

        /// What the matcher works out from its tables alone, when made already.
        var prepared: Understander.Prepared?

        init(
            graph: Graph, matcher: Understander.Tables? = nil,
            prepared: Understander.Prepared? = nil, origin: Origin, stored: Bool
        ) {
            self.graph = graph
            self.matcher = matcher ?? Understander.Tables(graph: graph)
            self.prepared = matcher == nil ? nil : prepared
            self.origin = origin
            self.stored = stored
        }

        /// The graph and its matcher, ready for sessions.
        public var knowledge: Knowledge {
            Knowledge(graph: graph, tables: matcher, prepared: prepared)
        }
    }

    /// The graph of a knowledge folder, from the cache when it is valid, else from YAML
    /// (throwing ``DiagnosticsError`` as ``KnowledgeLoader`` does).
    public func load(from knowledge: URL) throws -> Loaded {
        try load(fromFolder: knowledge.standardizedFileURL.path)
    }

    /// ``load(from:)`` for a folder given as an absolute path.
    public func load(fromFolder folder: String) throws -> Loaded {
        guard let directory = directoryPath else {
            return Loaded(
                graph: try KnowledgeLoader(directory: URL(fileURLWithPath: folder)).load(),
                origin: .yaml(reason: "cache off"), stored: false)
        }
        // Hashing the YAML and decoding the cache file do not depend on each other until the end,
        // so the key is worked out on a second thread meanwhile. The decoded file is used only if
        // its key is the one worked out; a file for other YAML is thrown away, as before.
        let keyOfFolder = SecondThread { Self.key(ofFolder: folder) }
        let file = cacheFilePath(forFolder: folder, inDirectory: directory)
        let attempt = Self.read(file)
        guard let key = keyOfFolder.result() else {
            // The folder cannot be read: let the loader report it as it always does.
            return Loaded(
                graph: try KnowledgeLoader(directory: URL(fileURLWithPath: folder)).load(),
                origin: .yaml(reason: "folder unreadable"), stored: false)
        }
        let reason: String
        switch attempt.flatMap({ Self.accept($0, key: key) }) {
        case .success(let compiled):
            return Loaded(
                graph: compiled.graph, matcher: compiled.matcher, prepared: compiled.prepared,
                origin: .cache, stored: false)
        case .failure(let problem): reason = problem.description
        }
        let graph = try KnowledgeLoader(directory: URL(fileURLWithPath: folder)).load()
        let matcher = Understander.Tables(graph: graph)
        // Only store what was read from the bytes that were hashed: an edit during the load means
        // no file.
        guard Self.key(ofFolder: folder) == key else {
            return Loaded(
                graph: graph, matcher: matcher, origin: .yaml(reason: reason), stored: false)
        }
        let stored = Self.write(
            Self.fileBytes(for: graph, matcher: matcher, key: key), to: file, in: directory)
        if stored { Self.prune(directory, keeping: Self.filesKept) }
        return Loaded(graph: graph, matcher: matcher, origin: .yaml(reason: reason), stored: stored)
    }

    /// How many cache files a folder keeps (one per knowledge folder used); the least recently
    /// written go first, so throwaway folders (tests, copies) do not pile up.
    static let filesKept = 16

    /// Removes all but the `keeping` newest cache files, and temporary files older than an hour.
    static func prune(_ directory: String, keeping: Int) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory)
        else { return }
        var caches: [(path: String, modified: Int)] = []
        let now = Int(time(nil))
        for name in names where name.hasPrefix("knowledge-") {
            let path = FileIO.joined(directory, name)
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            #if os(Linux)
                let modified = Int(info.st_mtim.tv_sec)
            #else
                let modified = Int(info.st_mtimespec.tv_sec)
            #endif
            if name.contains(".tmp-") {
                if now - modified > 3600 { unlink(path) }
            } else if name.hasSuffix(".bin") {
                caches.append((path, modified))
            }
        }
        for stale in caches.sorted(by: { $0.modified > $1.modified }).dropFirst(keeping) {
            unlink(stale.path)
        }
    }

    /// The cache file of one knowledge folder: named by a hash of its path, so folders do not
    /// collide.
    public func cacheFile(for knowledge: URL, in directory: URL) -> URL {
        URL(
            fileURLWithPath: cacheFilePath(
                forFolder: knowledge.standardizedFileURL.path,
                inDirectory: directory.standardizedFileURL.path))
    }

    /// ``cacheFile(for:in:)`` with absolute paths.
    func cacheFilePath(forFolder folder: String, inDirectory directory: String) -> String {
        let name = String(FastHash.hash(Array(folder.utf8)), radix: 16)
        return FileIO.joined(directory, "knowledge-\(name).bin")
    }

    // MARK: - Key

    /// A hash of the format version, the running build, the folder's path and every `*.yaml`
    /// file's relative path and bytes; nil when the folder or a file cannot be read.
    public static func key(of folder: URL) -> UInt64? {
        key(ofFolder: folder.standardizedFileURL.path)
    }

    /// ``key(of:)`` for a folder given as an absolute path.
    static func key(ofFolder root: String) -> UInt64? {
        // The loader's own walk, so the key covers exactly the files the loader reads.
        let folder = KnowledgeFolder(root: root)
        guard folder.problems.isEmpty else { return nil }
        var hasher = FastHash()
        hasher.combine(UInt64(CompiledGraph.formatVersion))
        hasher.combine(buildStamp)
        hasher.combine(bytes: Array(root.utf8))
        // Every file goes through one buffer, piece by piece: reading each whole into fresh memory
        // cost a page fault per 4 KB, a large part of a start.
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: keyPieceSize)
        defer { buffer.deallocate() }
        for file in folder.files {
            hasher.combine(bytes: file.relative)
            let read = FileIO.readPieces(file.path, into: buffer) { piece in
                hasher.combine(bytes: piece)
            }
            guard case .success = read else { return nil }
        }
        return hasher.finish()
    }

    /// The size of the pieces ``key(of:)`` hashes files in (the last piece of a file is shorter).
    static let keyPieceSize = 64 << 10

    /// Size and modification time of the running executable: a rebuilt program never trusts
    /// a file an older build wrote, even if the loader's rules changed without a format bump.
    static let buildStamp: UInt64 = {
        var info = stat()
        #if os(Linux)
            guard stat("/proc/self/exe", &info) == 0 else { return 0 }
        #else
            guard let path = CommandLine.arguments.first, stat(path, &info) == 0 else { return 0 }
        #endif
        var hasher = FastHash()
        hasher.combine(UInt64(truncatingIfNeeded: info.st_size))
        #if os(Linux)
            hasher.combine(UInt64(truncatingIfNeeded: info.st_mtim.tv_sec))
            hasher.combine(UInt64(truncatingIfNeeded: info.st_mtim.tv_nsec))
        #else
            hasher.combine(UInt64(truncatingIfNeeded: info.st_mtimespec.tv_sec))
            hasher.combine(UInt64(truncatingIfNeeded: info.st_mtimespec.tv_nsec))
        #endif
        hasher.combine(UInt64(truncatingIfNeeded: info.st_ino))
        return hasher.finish()
    }()

    // MARK: - File format

    /// `MGKC`, the format version, the key, the payload's length and hash, then the payload.
    static let magic: [UInt8] = Array("MGKC".utf8)
    static let headerSize = 4 + 4 + 8 + 8 + 8

    /// Why a cache file was not used.
    struct Miss: Error, CustomStringConvertible {
        var description: String
    }

    /// The whole file: header and payload (the graph and the matcher's tables built from it).
    static func fileBytes(for graph: Graph, matcher: Understander.Tables? = nil, key: UInt64)
        -> [UInt8]
    {
        let payload = CompiledKnowledge.encode(
            graph, matcher: matcher ?? Understander.Tables(graph: graph))
        var header = ByteWriter()
        header.bytes.append(contentsOf: magic)
        header.fixed32(CompiledGraph.formatVersion)
        header.fixed64(key)
        header.fixed64(UInt64(payload.count))
        header.fixed64(FastHash.hash(payload))
        return header.bytes + payload
    }

    /// The graph and matcher tables of a whole file if, and only if, every check passes.
    static func knowledge(fromFileBytes bytes: [UInt8], key: UInt64) -> Result<Contents, Miss> {
        decoded(fromFileBytes: bytes).flatMap { accept($0, key: key) }
    }

    /// A cache file's graph, with the matcher's tables and what was worked out from them.
    typealias Contents = (
        graph: Graph, matcher: Understander.Tables, prepared: Understander.Prepared?
    )

    /// A decoded file whose key is still to be compared with the folder's.
    struct Decoded {
        var key: UInt64
        /// What the payload holds, or why it could not be read (reported only when the key
        /// matches, since a file for other YAML is "knowledge changed" whatever else is wrong).
        var contents: Result<Contents, Miss>
    }

    /// The file's contents when its key is `key`.
    static func accept(_ decoded: Decoded, key: UInt64) -> Result<Contents, Miss> {
        guard decoded.key == key else { return .failure(Miss(description: "knowledge changed")) }
        return decoded.contents
    }

    /// ``decoded(fromFileBytes:)-(UnsafeBufferPointer<UInt8>)`` for bytes in an array.
    static func decoded(fromFileBytes bytes: [UInt8]) -> Result<Decoded, Miss> {
        bytes.withUnsafeBufferPointer { decoded(fromFileBytes: $0) }
    }

    /// Every check of a whole file but the key's.
    static func decoded(fromFileBytes buffer: UnsafeBufferPointer<UInt8>) -> Result<Decoded, Miss> {
        guard buffer.count >= headerSize else {
            return .failure(Miss(description: "cache file truncated"))
        }
        var reader = ByteReader(buffer)
        do {
            guard Array(try reader.take(4)) == magic else {
                return .failure(Miss(description: "not a cache file"))
            }
            guard try reader.fixed32() == CompiledGraph.formatVersion else {
                return .failure(Miss(description: "cache format changed"))
            }
            let key = try reader.fixed64()
            let length = try reader.fixed64()
            let checksum = try reader.fixed64()
            guard length == UInt64(reader.remaining) else {
                return .success(
                    Decoded(
                        key: key, contents: .failure(Miss(description: "cache file truncated")))
                )
            }
            let payload = try reader.take(reader.remaining)
            // The checksum is worked out on a second thread while the payload decodes: the
            // strict decoding checks every bound and index, so bytes that turn out corrupt are
            // only thrown away. Joined before anything leaves this function, since the thread
            // reads bytes that live only as long as the caller's buffer.
            let shared = SharedBytes(buffer: payload)
            let payloadHash = SecondThread { FastHash.hash(shared.buffer) }
            let attempt = Result {
                // With the checksum matching, these are the bytes this build (the key covers it)
                // encoded from a graph that passed validation when its YAML was loaded:
                // checking the graph's meaning again would only repeat that.
                try CompiledKnowledge.decodeParts(payload, validatingGraph: false)
            }
            guard payloadHash.result() == checksum else {
                return .success(
                    Decoded(
                        key: key,
                        contents: .failure(Miss(description: "cache file corrupt (checksum)"))))
            }
            do {
                let decoded = try attempt.get()
                guard let matcher = decoded.matcher else {
                    return .success(
                        Decoded(
                            key: key,
                            contents: .failure(
                                Miss(description: "cache file has no matcher tables"))))
                }
                return .success(
                    Decoded(
                        key: key, contents: .success((decoded.graph, matcher, decoded.prepared))))
            } catch {
                return .success(
                    Decoded(
                        key: key,
                        contents: .failure(Miss(description: "cache file corrupt (\(error))"))))
            }
        } catch {
            return .failure(Miss(description: "cache file corrupt (\(error))"))
        }
    }

    /// Larger than any real graph's file by far: anything bigger is not read at all.
    static let largestFile = 64 << 20

    /// The file mapped rather than read into fresh memory (see ``FileIO/withMappedFile``): it is
    /// only ever replaced by renaming a new file over it, and nothing decoded points into it.
    private static func read(_ file: String) -> Result<Decoded, Miss> {
        let attempt = FileIO.withMappedFile(
            Array(file.utf8), atMost: largestFile, ownedByMe: true
        ) { bytes in
            populate(bytes)
            return decoded(fromFileBytes: bytes)
        }
        switch attempt {
        case .success(let decoded): return decoded
        case .failure(.notMine):
            return .failure(
                Miss(description: "cache file not owned by this user, or writable by others"))
        case .failure: return .failure(Miss(description: "no cache file"))
        }
    }

    /// Maps every page of the file at once: decoding reads all of it, and page by page that was
    /// a fault per 16 pages. Where the kernel has no MADV_POPULATE_READ (before Linux 5.14), the
    /// pages come one fault at a time as before.
    private static func populate(_ bytes: UnsafeBufferPointer<UInt8>) {
        #if os(Linux)
            // MADV_POPULATE_READ, which the Glibc module does not name.
            let populateRead: Int32 = 22
            guard let start = bytes.baseAddress, bytes.count > 0 else { return }
            _ = madvise(UnsafeMutableRawPointer(mutating: start), bytes.count, populateRead)
        #endif
    }

    /// Writes the file atomically, readable and writable by this user only (the cache is read
    /// back only when no one else could have written it); false on any failure.
    private static func write(_ bytes: [UInt8], to file: String, in directory: String) -> Bool {
        guard
            (try? FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true)) != nil
        else {
            return false
        }
        let written: Void? = try? FileIO.write(
            bytes, to: file, replace: true, replaceReadOnly: true, mode: 0o600, resetMode: true
        )
        return written != nil
    }
}
