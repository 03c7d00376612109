/// How a user names a version to read or improve: an id (`p_v1_3`), `latest` (the highest version of the
/// highest-numbered family, as `GET /api/v1/prompts/latest` serves it) or `p_v<family>_latest` (that family's
/// highest version, as `?family=N` serves it).
///
/// A registry can hold several families (another product's prompt, a human rewrite started as a new family), and a
/// scheduled run should follow the family the online side loads, not jump to a new one.
package enum VersionName: Sendable, Hashable {
    case id(String)
    case latest(family: Int?)

    package init(_ text: String) {
        if text == "latest" {
            self = .latest(family: nil)
        } else if text.hasPrefix("p_v"), text.hasSuffix("_latest"),
            let family = Int(text.dropFirst(3).dropLast("_latest".count)), family >= 1,
            text.dropFirst(3).first?.isNumber == true
        {
            self = .latest(family: family)
        } else {
            self = .id(text)
        }
    }

    /// The version this name means in `registry`, or `nil` for a `latest` the registry (or family) has none of.
    /// - Throws: ``RegistryError`` for an id that is malformed or not there, or a folder that cannot be read.
    package func version(in registry: PromptRegistry) throws -> PromptVersion? {
        switch self {
        case .id(let text): return try registry.version(named: text)
        case .latest(let family): return try registry.latestReadable(family: family).version
        }
    }
}
