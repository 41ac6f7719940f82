//! Option values shared by several commands.

/// `--fog on` or `--fog off`: whether the fog of war hides what each side cannot see.
pub(crate) fn parse_fog(text: &str) -> Result<bool, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "on" | "yes" | "true" => Ok(true),
        "off" | "no" | "false" => Ok(false),
        _ => Err(format!("`{text}` is neither on nor off")),
    }
}
