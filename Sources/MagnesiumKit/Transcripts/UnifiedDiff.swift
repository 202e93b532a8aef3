/// A line-based unified diff (longest common subsequence), for replay failures.
public enum UnifiedDiff {
    public static func make(expected: [String], actual: [String], expectedName: String, actualName: String, context: Int = 2) -> String {
        let n = expected.count, m = actual.count
        // lengths[i][j]: LCS length of expected[i...] and actual[j...]
        var lengths = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lengths[i][j] = expected[i] == actual[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        enum Edit { case same(String), removed(String), added(String) }
        var edits: [Edit] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, expected[i] == actual[j] {
                edits.append(.same(expected[i])); i += 1; j += 1
            } else if j < m, i == n || lengths[i][j + 1] >= lengths[i + 1][j] {
                edits.append(.added(actual[j])); j += 1
            } else {
                edits.append(.removed(expected[i])); i += 1
            }
        }
        var out = ["--- \(expectedName)", "+++ \(actualName)"]
        var index = 0
        var oldLine = 1, newLine = 1
        while index < edits.count {
            guard let change = edits[index...].firstIndex(where: { if case .same = $0 { return false } else { return true } }) else { break }
            let start = max(index, change - context)
            for edit in edits[index..<start] { if case .same = edit { oldLine += 1; newLine += 1 } }
            var end = change
            var lastChange = change
            while end < edits.count {
                if case .same = edits[end] {
                    if end - lastChange > context * 2 { break }
                } else {
                    lastChange = end
                }
                end += 1
            }
            end = min(edits.count, lastChange + context + 1)
            let hunk = edits[start..<end]
            let oldCount = hunk.filter { if case .added = $0 { return false } else { return true } }.count
            let newCount = hunk.filter { if case .removed = $0 { return false } else { return true } }.count
            out.append("@@ -\(oldLine),\(oldCount) +\(newLine),\(newCount) @@")
            for edit in hunk {
                switch edit {
                case let .same(text): out.append(" " + text)
                case let .removed(text): out.append("-" + text)
                case let .added(text): out.append("+" + text)
                }
            }
            oldLine += oldCount
            newLine += newCount
            index = end
        }
        return out.joined(separator: "\n")
    }
}
