/// Terms as URL segments: the same slug in every language, so term pages are translations of each other.
public enum TermSlug {
    /// `Human Trafficking` → `human-trafficking`; a slug stays as it is.
    public static func make(_ term: String) -> String {
        var slug = ""
        var pendingHyphen = false
        for character in term.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingHyphen && !slug.isEmpty { slug.append("-") }
                pendingHyphen = false
                slug.append(character)
            } else {
                pendingHyphen = true
            }
        }
        return slug.isEmpty ? "term" : slug
    }
}

/// The archive's browsing pages, shared by the linker (which makes them) and the renderer (which links to them).
public enum ArchiveKey {
    public static let yearsFolder = "years"
}
