import Foundation

/// Keeps a patch from sending users anywhere or asking them for secrets: a web address, an email address, a phone
/// number or a social handle in a patch, or any mention of credentials (card numbers, PINs, passwords, codes).
///
/// A prompt patch states how to answer from the context; it never needs a destination or a secret. A caller who
/// gets a patch into the registry could otherwise make the production assistant phish its users ("confirm your
/// card number at http://..."). A rule about credentials that a person wants in the prompt is written by hand
/// (`kaizen prompts add`), not learnt. Part of the ``InjectionGuard``, so generators, ranker and trainer share it.
package enum SolicitationRule {
    /// Why `patchText` is refused (naming what was found), or `nil` when it has no destination and no credential.
    ///
    /// - Complexity: O(length of the patch).
    package static func violation(in patchText: String) -> String? {
        self.violation(in: patchText, clues: SolicitationClues(patchText))
    }

    /// ``violation(in:)`` running only the patterns whose clue `clues` holds; every pattern when `clues` is `nil`
    /// (tests compare the two).
    package static func violation(in patchText: String, clues: SolicitationClues?) -> String? {
        for (pattern, what, clue) in Self.destinations where clues.map(clue) ?? true {
            if let match = patchText.firstMatch(of: pattern) {
                let found = patchText[match.range].trimmingCharacters(in: .whitespaces)
                return "it points users to \(what) (\"\(found)\"); a patch may not send users "
                    + "anywhere or ask them for credentials"
            }
        }
        if clues?.credentialStem ?? true, let match = patchText.firstMatch(of: Self.credentials) {
            return "it mentions credentials (\"\(patchText[match.range])\"); a learnt patch may not ask for them or "
                + "talk about them (write such a rule by hand with 'kaizen prompts add')"
        }
        return nil
    }

    // Regex<AnyRegexOutput> is not declared Sendable because its output type is not; these are built once and only
    // matched against, which the standard library makes safe from any thread (it compiles its program atomically).

    /// Web and email addresses, phone numbers and handles, each with the words a refusal names it by and the clue
    /// any match of it leaves (``SolicitationClues``).
    nonisolated(unsafe) private static let destinations:
        [(Regex<AnyRegexOutput>, String, @Sendable (SolicitationClues) -> Bool)] = [
            (Self.pattern(#"\b[a-z][a-z0-9+.\-]*://\S*"#), "a web address", \.schemeSeparator),
            (Self.pattern(#"\bwww\.\S+"#), "a web address", \.www),
            (Self.pattern(#"[a-z0-9._%+\-]+@[a-z0-9\-]+(\.[a-z0-9\-]+)*\.[a-z]{2,}"#), "an email address", \.at),
            (
                Self.pattern(
                    #"\b[a-z0-9\-]+(\.[a-z0-9\-]+)*\.(com|net|org|io|co|info|biz|xyz|app|dev|me|ly|gg|site|online|"#
                        + #"link|click|top|example|uk|de|ru|cn)\b(/\S*)?"#),
                "a web address", \.dotBeforeLetter
            ),
            (Self.pattern(#"\b[a-z0-9\-]+(\.[a-z0-9\-]+)*\.[a-z]{2,}/\S*"#), "a web address", \.dotBeforeLetter),
            (Self.pattern(#"\+\d[\d\s().\-]{6,}\d"#), "a phone number", \.plusBeforeDigit),
            (Self.pattern(#"\(?\b\d{3}\)?[\s.\-]\d{3}[\s.\-]\d{4}\b"#), "a phone number", { $0.digits >= 10 }),
            (Self.pattern(#"(^|[\s(])@[a-z0-9_]{2,}"#), "a handle", \.at),
        ]

    /// Credentials and other secrets a support assistant must never collect.
    nonisolated(unsafe) private static let credentials: Regex<AnyRegexOutput> = Self.pattern(
        #"\b(card\s+numbers?|card\s+details|cvv2?|cvc2?|security\s+codes?|pins?|pin\s+codes?|passwords?|"#
            + #"passcodes?|pass\s+phrases?|passphrases?|one[\s\-]time\s+(pass)?codes?|otps?|"#
            + #"verification\s+codes?|credentials?|log\s*in\s+details|account\s+numbers?|routing\s+numbers?|"#
            + #"sort\s+codes?|social\s+security(\s+numbers?)?|ssns?|private\s+keys?|seed\s+phrases?)\b"#)

    private static func pattern(_ text: String) -> Regex<AnyRegexOutput> {
        // The patterns are constants of this file; a typo is a programming error the tests catch at once.
        (try! Regex(text)).ignoresCase()
    }
}
