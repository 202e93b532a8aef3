import Foundation
import MagnesiumKit
import MagnesiumKnowledge
import MagnesiumText
import MagnesiumTranscripts
import MagnesiumUnderstanding

/// `:save NAME [--force]`: writes the conversation so far as a transcript that
/// `magnesium replay` passes.
///
/// Where it goes (`:help save` says the same):
/// - a NAME without a slash becomes `NAME.txt` (".txt" added unless there) in `./Transcripts`
///   if that folder exists, otherwise in the current folder;
/// - a path with a slash is used as written, relative to the current folder;
/// - an absolute path, or one with a `..` part, is refused unless it starts with `./`,
///   which says the person means it (`./../notes/cramps.txt`); so is a path that a symbolic
///   link (a folder on the way, or the file itself) takes outside the current folder.
///
/// The file is checked by replaying it before it is written, and written whole through a
/// temporary file in the same folder; an existing file is kept unless `--force` is given. Only
/// a regular file is ever replaced (a link to one is written through), never a device or FIFO.
struct TranscriptSaver {
    enum Failure: Error, Equatable {
        case usage
        case outsideCurrentFolder(String)
        case linkLeavesFolder(String)
        case noSuchFolder(String)
        case exists(String)
        case nothingToSave
        case wouldNotReplay(String)
        case cannotWrite(String, String)

        /// One line for stderr.
        var message: String {
            switch self {
            case .usage: "Usage: :save NAME [--force] (:help save explains where it goes)."
            case .outsideCurrentFolder(let path):
                "Not saved: \(path) is outside the current folder; start it with ./ if you mean it (./../notes/x.txt)."
            case .linkLeavesFolder(let path):
                "Not saved: \(path) leads outside the current folder through a symbolic link; start it with ./ if you mean it."
            case .noSuchFolder(let folder): "Not saved: there is no folder \(folder)."
            case .exists(let path): "Not saved: \(path) exists; add --force to replace it."
            case .nothingToSave: "Nothing to save yet: ask a question first."
            case .wouldNotReplay(let detail):
                "Not saved: the transcript would not replay the same (\(detail))."
            case .cannotWrite(let path, let reason): "Not saved: cannot write \(path) (\(reason))."
            }
        }
    }

    /// The folder relative paths start from.
    let currentFolder: String

    /// Where NAME is saved, as a path relative to the current folder (or as written).
    func destination(for name: String) throws(Failure) -> String {
        guard !name.isEmpty, !name.hasPrefix("-") else { throw .usage }
        if !name.contains("/") {
            guard name != ".", name != ".." else { throw .usage }
            let file = name.hasSuffix(".txt") ? name : name + ".txt"
            var isDirectory: ObjCBool = false
            let transcripts = (currentFolder as NSString).appendingPathComponent("Transcripts")
            let hasTranscripts =
                FileManager.default.fileExists(atPath: transcripts, isDirectory: &isDirectory)
                && isDirectory.boolValue
            return hasTranscripts ? "Transcripts/" + file : file
        }
        if name.hasPrefix("./") { return name }
        if name.hasPrefix("/") || name.split(separator: "/").contains("..") {
            throw .outsideCurrentFolder(name)
        }
        return name
    }

    /// Saves the session; the message to show on success.
    func save(_ session: Session, arguments: [String]) throws(Failure) -> String {
        let force = arguments.contains("--force")
        let names = arguments.filter { $0 != "--force" }
        guard names.count == 1 else { throw .usage }
        let path = try destination(for: names[0])
        guard !session.turns.isEmpty else { throw .nothingToSave }
        let absolute =
            path.hasPrefix("/") ? path : (currentFolder as NSString).appendingPathComponent(path)
        let folder = (absolute as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            throw .noSuchFolder((path as NSString).deletingLastPathComponent)
        }
        if !path.hasPrefix("./"), !Self.staysInside(currentFolder, absolute) {
            throw .linkLeavesFolder(path)
        }
        if FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw .cannotWrite(path, "it is a folder") }
            if !force { throw .exists(path) }
        }
        let title = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let text = Transcript.recording(session, title: title).render()
        try Self.checkReplays(text, knowledge: session.knowledge, file: path)
        do {
            // --force replaces the file, a read-only one included; never a device, FIFO or folder.
            try FileIO.write(text, to: absolute, replace: force, replaceReadOnly: force)
        } catch .exists {
            throw .exists(path)
        } catch {
            throw .cannotWrite(path, error.message)
        }
        let turns = session.turns.count
        // `magnesium replay` on a folder reads only .txt files: say so when the name has no .txt.
        let replayNote =
            path.hasSuffix(".txt")
            ? "magnesium replay checks it" : "magnesium replay \(path) checks it"
        return "Saved \(turns) turn\(turns == 1 ? "" : "s") to \(path) (\(replayNote))."
    }

    /// True when `path` (in an existing folder) resolves inside `folder`: its folder's real path,
    /// and the real path of the file when it is a symbolic link, both lie in the folder's real
    /// path.
    static func staysInside(_ folder: String, _ path: String) -> Bool {
        guard let root = realPath(folder),
            let parent = realPath((path as NSString).deletingLastPathComponent)
        else { return false }
        func inside(_ candidate: String) -> Bool {
            candidate == root || candidate.hasPrefix(root == "/" ? "/" : root + "/")
        }
        guard inside(parent) else { return false }
        var info = stat()
        if lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK {
            // A link to nothing cannot be followed: it is refused as well.
            guard let resolved = realPath(path) else { return false }
            return inside(resolved)
        }
        return true
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Parses and replays the text as `magnesium replay` would: a saved file must pass.
    private static func checkReplays(_ text: String, knowledge: Knowledge, file: String)
        throws(Failure)
    {
        let transcript: Transcript
        do {
            transcript = try Transcript.parse(text, file: file)
        } catch {
            throw .wouldNotReplay(error.diagnostics.first?.description ?? "it cannot be read back")
        }
        let result = TranscriptReplayer(knowledge: knowledge).replay(transcript, file: file)
        if let failure = result.failures.first {
            throw .wouldNotReplay(
                "turn \(failure.turn + 1): > \(SafeText.escaped(failure.input, keepingNewlines: false))"
            )
        }
    }
}
