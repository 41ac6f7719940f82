//! Finds where each value of a RON document starts, by path (`units[3].owner`), so that
//! problems found after parsing can name their line and column.
//!
//! serde discards positions, so this is a small second reader of the same text. It only
//! records positions; it never judges the syntax (the real parser does that first), and it
//! stops quietly at anything it does not understand.

use std::collections::HashMap;

/// A 1-based line and column (columns count characters, as editors do).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub col: usize,
}

/// Positions of values by path, plus string literals that exceed a length limit.
#[derive(Debug, Default)]
pub struct Locations {
    by_path: HashMap<String, Position>,
    /// Strings longer than the limit, with their path and length in bytes.
    pub long_strings: Vec<(String, Position, usize)>,
}

impl Locations {
    /// Where the value at `path` starts, or where its nearest recorded parent starts.
    pub fn get(&self, path: &str) -> Position {
        let mut p = path;
        loop {
            if let Some(pos) = self.by_path.get(p) {
                return *pos;
            }
            match p.rfind(['.', '[']) {
                Some(i) => p = &p[..i],
                None => {
                    return self
                        .by_path
                        .get("")
                        .copied()
                        .unwrap_or(Position { line: 1, col: 1 });
                }
            }
        }
    }
}

/// Deepest nesting the scanner follows; the parser's own limit is lower.
const MAX_DEPTH: usize = 256;

struct Scanner {
    chars: Vec<char>,
    i: usize,
    line: usize,
    col: usize,
    out: Locations,
    max_string: usize,
}

/// Scans `src` and records where every value starts.
pub fn locate(src: &str, max_string: usize) -> Locations {
    let mut s = Scanner {
        chars: src.chars().collect(),
        i: 0,
        line: 1,
        col: 1,
        out: Locations::default(),
        max_string,
    };
    s.skip_trivia();
    while s.peek() == Some('#') {
        // Inner attributes such as `#![enable(implicit_some)]`.
        while let Some(c) = s.bump() {
            if c == ']' {
                break;
            }
        }
        s.skip_trivia();
    }
    s.value(String::new(), 0);
    s.out
}

impl Scanner {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.i).copied()
    }

    fn peek_at(&self, k: usize) -> Option<char> {
        self.chars.get(self.i + k).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.i += 1;
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn pos(&self) -> Position {
        Position {
            line: self.line,
            col: self.col,
        }
    }

    fn skip_trivia(&mut self) {
        loop {
            match (self.peek(), self.peek_at(1)) {
                (Some(c), _) if c.is_whitespace() => {
                    self.bump();
                }
                (Some('/'), Some('/')) => {
                    while let Some(c) = self.bump() {
                        if c == '\n' {
                            break;
                        }
                    }
                }
                (Some('/'), Some('*')) => {
                    self.bump();
                    self.bump();
                    let mut depth = 1;
                    while depth > 0 {
                        match (self.bump(), self.peek()) {
                            (None, _) => return,
                            (Some('*'), Some('/')) => {
                                self.bump();
                                depth -= 1;
                            }
                            (Some('/'), Some('*')) => {
                                self.bump();
                                depth += 1;
                            }
                            _ => {}
                        }
                    }
                }
                _ => return,
            }
        }
    }

    fn ident(&mut self) -> String {
        let mut s = String::new();
        while let Some(c) = self.peek() {
            if c.is_alphanumeric() || c == '_' {
                s.push(c);
                self.bump();
            } else {
                break;
            }
        }
        s
    }

    fn value(&mut self, path: String, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        self.skip_trivia();
        let start = self.pos();
        self.out.by_path.entry(path.clone()).or_insert(start);
        match self.peek() {
            Some('(') => self.group(&path, depth),
            Some('[') => self.list(&path, depth),
            Some('{') => self.map(&path, depth),
            Some('"') => self.string(&path, start),
            Some('r') if matches!(self.peek_at(1), Some('#' | '"')) => {
                self.raw_string(&path, start)
            }
            Some('\'') => {
                self.bump();
                while let Some(c) = self.bump() {
                    if c == '\\' {
                        self.bump();
                    } else if c == '\'' {
                        break;
                    }
                }
            }
            Some(c) if c.is_alphabetic() || c == '_' => {
                self.ident();
                self.skip_trivia();
                if self.peek() == Some('(') {
                    self.group(&path, depth);
                }
            }
            Some(_) => {
                while let Some(c) = self.peek() {
                    if matches!(c, ',' | ')' | ']' | '}' | ':') || c.is_whitespace() {
                        break;
                    }
                    self.bump();
                }
            }
            None => {}
        }
    }

    fn string(&mut self, path: &str, start: Position) {
        self.bump();
        let mut len = 0;
        while let Some(c) = self.bump() {
            match c {
                '\\' => {
                    self.bump();
                    len += 1;
                }
                '"' => break,
                c => len += c.len_utf8(),
            }
        }
        self.check_len(path, start, len);
    }

    fn raw_string(&mut self, path: &str, start: Position) {
        self.bump();
        let mut hashes = 0;
        while self.peek() == Some('#') {
            self.bump();
            hashes += 1;
        }
        self.bump();
        let mut len = 0;
        'outer: while let Some(c) = self.bump() {
            if c == '"' {
                let mut k = 0;
                while k < hashes && self.peek() == Some('#') {
                    self.bump();
                    k += 1;
                }
                if k == hashes {
                    break 'outer;
                }
                len += 1 + k;
            } else {
                len += c.len_utf8();
            }
        }
        self.check_len(path, start, len);
    }

    fn check_len(&mut self, path: &str, start: Position, len: usize) {
        if len > self.max_string {
            self.out.long_strings.push((path.to_owned(), start, len));
        }
    }

    /// Is the next token `ident :` (a struct field) rather than a value?
    fn field_ahead(&self) -> Option<(String, usize)> {
        let mut k = 0;
        let mut name = String::new();
        while let Some(c) = self.peek_at(k) {
            if c.is_alphanumeric() || c == '_' {
                name.push(c);
                k += 1;
            } else {
                break;
            }
        }
        if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        while self.peek_at(k).is_some_and(char::is_whitespace) {
            k += 1;
        }
        (self.peek_at(k) == Some(':') && self.peek_at(k + 1) != Some(':')).then_some((name, k + 1))
    }

    fn group(&mut self, path: &str, depth: usize) {
        self.bump();
        let mut index = 0;
        loop {
            self.skip_trivia();
            match self.peek() {
                None => return,
                Some(')') => {
                    self.bump();
                    return;
                }
                _ => {}
            }
            let before = self.i;
            let child = if let Some((name, skip)) = self.field_ahead() {
                let field_pos = self.pos();
                for _ in 0..skip {
                    self.bump();
                }
                let child = join(path, &name);
                // Unknown-field errors point at the field name itself.
                self.out.by_path.insert(format!("{child}#name"), field_pos);
                child
            } else {
                let c = format!("{path}.{index}");
                index += 1;
                c
            };
            self.value(child, depth + 1);
            self.skip_trivia();
            if self.peek() == Some(',') {
                self.bump();
            } else if self.i == before {
                return;
            }
        }
    }

    fn list(&mut self, path: &str, depth: usize) {
        self.bump();
        let mut index = 0;
        loop {
            self.skip_trivia();
            match self.peek() {
                None => return,
                Some(']') => {
                    self.bump();
                    return;
                }
                _ => {}
            }
            let before = self.i;
            self.value(format!("{path}[{index}]"), depth + 1);
            index += 1;
            self.skip_trivia();
            if self.peek() == Some(',') {
                self.bump();
            } else if self.i == before {
                return;
            }
        }
    }

    fn map(&mut self, path: &str, depth: usize) {
        self.bump();
        loop {
            self.skip_trivia();
            match self.peek() {
                None => return,
                Some('}') => {
                    self.bump();
                    return;
                }
                _ => {}
            }
            let before = self.i;
            let key_start = self.i;
            self.value(format!("{path}{{}}"), depth + 1);
            let key: String = self.chars[key_start..self.i].iter().collect();
            self.skip_trivia();
            if self.peek() == Some(':') {
                self.bump();
            }
            let child = format!("{path}{{{}}}", key.trim());
            self.value(child, depth + 1);
            self.skip_trivia();
            if self.peek() == Some(',') {
                self.bump();
            } else if self.i == before {
                return;
            }
        }
    }
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_fields_list_items_and_map_keys() {
        let src = "// c\n(\n  format: 1,\n  units: [\n    (id: \"a\", at: Hex(3, 4)),\n    Unit(id: \"b\"),\n  ],\n  legend: { '.': Desert },\n)";
        let l = locate(src, 100);
        assert_eq!(l.get("format"), Position { line: 3, col: 11 });
        assert_eq!(l.get("units[0].id"), Position { line: 5, col: 10 });
        assert_eq!(l.get("units[0].at.1"), Position { line: 5, col: 26 });
        assert_eq!(l.get("units[1].id"), Position { line: 6, col: 14 });
        assert_eq!(l.get("units[1].nothing"), Position { line: 6, col: 5 });
        assert_eq!(l.get("legend{'.'}"), Position { line: 8, col: 18 });
        assert_eq!(l.get("format#name"), Position { line: 3, col: 3 });
    }

    #[test]
    fn reports_long_strings_and_survives_garbage() {
        let l = locate("(a: \"xxxxxxxxxx\", b: r#\"y\"#)", 5);
        assert_eq!(l.long_strings.len(), 1);
        for junk in [
            "",
            "(((((",
            "[1, 2",
            "\"unterminated",
            "(a: /* x",
            "{:}",
            "((a:b:c))",
        ] {
            let _ = locate(junk, 5);
        }
    }
}
