//! Formulas of derived indicators, as declared in the catalog's `formula` column.
//!
//! Grammar (whitespace ignored):
//! ```text
//! expr   := term (('+' | '-') term)*
//! term   := factor (('*' | '/') factor)*
//! factor := number | indicator | call | '(' expr ')'
//! call   := 'max_min' '(' indicator ',' level ')'              max / min over descendants at a level
//!         | 'group_mean' '(' indicator ',' tag ',' weight ')'   weighted mean over tagged descendants
//!         | 'sum_children' '(' indicator ')'                  sum over the children, all of them
//!         | 'group_sum' '(' indicator ',' tag ')'              sum over tagged descendants, all of them
//! ```
//! An indicator in a formula may itself be derived (a city's beds per 1,000 from its beds, a sum
//! of its counties'); the catalog refuses a cycle.
//! Evaluation lives in [`crate::model::Dataset::derive`], which knows the data.

#[derive(Debug, Clone, PartialEq)]
pub enum Formula {
    Number(f64),
    /// An indicator of the same region and year: its id, and its place in the catalog once the
    /// catalog has resolved it (evaluation then reads it without looking the id up: a national
    /// σ evaluates a formula a million times).
    Indicator(String, Option<u16>),
    Binary(Box<Formula>, Op, Box<Formula>),
    /// Max over min of an indicator across the region's descendants at a level.
    MaxMin {
        indicator: String,
        level: String,
    },
    /// Weighted mean of an indicator over the region's descendants that carry a tag.
    GroupMean {
        indicator: String,
        tag: String,
        weight: String,
    },
    /// Sum of an indicator over the region's descendants that carry a tag (the 26 mountainous
    /// counties' GDP), only when every member has a value.
    GroupSum {
        indicator: String,
        tag: String,
    },
    /// Sum of an indicator over the region's children (a city's total from its counties'),
    /// only when every child has a value: a partial sum is not the total.
    SumChildren {
        indicator: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

/// The most tokens a formula may have. Derived indicators need a handful; the bound keeps the
/// recursive parser and evaluator far from the stack's end (a formula nested 10,000 deep or a
/// sum of 200,000 terms is refused, not followed).
pub const MAX_TOKENS: usize = 256;

impl Formula {
    pub fn parse(src: &str) -> Result<Formula, String> {
        if src.len() > 16 * MAX_TOKENS {
            return Err(format!(
                "the formula is {} characters long; a formula may have at most {MAX_TOKENS} parts",
                src.len()
            ));
        }
        let tokens = tokenize(src)?;
        if tokens.len() > MAX_TOKENS {
            return Err(format!("the formula has {} parts; at most {MAX_TOKENS} are allowed", tokens.len()));
        }
        let mut p = Parser { tokens, pos: 0 };
        let f = p.expr()?;
        match p.peek() {
            None => Ok(f),
            Some(t) => Err(format!("unexpected `{}` in formula `{src}`", t.text())),
        }
    }

    /// Whether the formula aggregates over other regions (max/min, group mean) anywhere.
    pub fn is_aggregate(&self) -> bool {
        match self {
            Formula::MaxMin { .. }
            | Formula::GroupMean { .. }
            | Formula::GroupSum { .. }
            | Formula::SumChildren { .. } => true,
            Formula::Binary(a, _, b) => a.is_aggregate() || b.is_aggregate(),
            Formula::Number(_) | Formula::Indicator(..) => false,
        }
    }

    /// `(indicator, tag)` when the formula is a group's mean over the region's own value,
    /// `group_mean(x, tag, w) / x`: a group-to-region ratio (the mountain counties' income ratio).
    pub fn group_ratio(&self) -> Option<(&str, &str)> {
        match self {
            Formula::Binary(a, Op::Div, b) => match (a.as_ref(), b.as_ref()) {
                (Formula::GroupMean { indicator, tag, .. }, Formula::Indicator(x, _)) if x == indicator => {
                    Some((indicator, tag))
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// Sets each plain input's place in the catalog (an indicator's index), from `place` (the
    /// catalog's look-up).
    pub fn resolve_inputs(&mut self, place: &dyn Fn(&str) -> Option<u16>) {
        match self {
            Formula::Indicator(id, at) => *at = place(id),
            Formula::Binary(a, _, b) => {
                a.resolve_inputs(place);
                b.resolve_inputs(place);
            }
            _ => {}
        }
    }

    /// Every indicator id the formula reads (weights included), in order of appearance.
    pub fn inputs(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect(&mut out);
        out
    }

    /// The indicators read at the region itself (not under `sum_children`, which reads them one
    /// level down): a cycle among these would never end, while a sum over children ends with
    /// the tree.
    pub fn own_region_inputs(&self) -> Vec<&str> {
        match self {
            Formula::SumChildren { .. } => Vec::new(),
            Formula::Binary(a, _, b) => {
                let mut v = a.own_region_inputs();
                v.extend(b.own_region_inputs());
                v
            }
            other => other.inputs(),
        }
    }

    fn collect<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Formula::Number(_) => {}
            Formula::Indicator(id, _) => out.push(id),
            Formula::Binary(a, _, b) => {
                a.collect(out);
                b.collect(out);
            }
            Formula::MaxMin { indicator, .. }
            | Formula::SumChildren { indicator }
            | Formula::GroupSum { indicator, .. } => out.push(indicator),
            Formula::GroupMean { indicator, weight, .. } => {
                out.push(indicator);
                out.push(weight);
            }
        }
    }
}

impl Formula {
    /// The formula as text, each indicator written by `name` (its id, or its name on screen);
    /// brackets where precedence needs them.
    pub fn render(&self, name: &dyn Fn(&str) -> String) -> String {
        let prec = |op: &Op| match op {
            Op::Add | Op::Sub => 1,
            Op::Mul | Op::Div => 2,
        };
        match self {
            Formula::Number(n) => format!("{n}"),
            Formula::Indicator(id, _) => name(id),
            Formula::Binary(a, op, b) => {
                let side = |f: &Formula, right: bool| match f {
                    // A lower-precedence operand, or an equal one on the right of - or /, needs brackets.
                    Formula::Binary(_, inner, _)
                        if prec(inner) < prec(op)
                            || (right && prec(inner) == prec(op) && matches!(op, Op::Sub | Op::Div)) =>
                    {
                        format!("({})", f.render(name))
                    }
                    _ => f.render(name),
                };
                let sym = match op {
                    Op::Add => "+",
                    Op::Sub => "-",
                    Op::Mul => "*",
                    Op::Div => "/",
                };
                format!("{} {sym} {}", side(a, false), side(b, true))
            }
            Formula::MaxMin { indicator, level } => format!("max_min({}, {level})", name(indicator)),
            Formula::GroupMean { indicator, tag, weight } => {
                format!("group_mean({}, {tag}, {})", name(indicator), name(weight))
            }
            Formula::SumChildren { indicator } => format!("sum_children({})", name(indicator)),
            Formula::GroupSum { indicator, tag } => format!("group_sum({}, {tag})", name(indicator)),
        }
    }
}

impl std::fmt::Display for Formula {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(&|id| id.to_string()))
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Num(f64),
    Ident(String),
    Sym(char),
}

impl Token {
    fn text(&self) -> String {
        match self {
            Token::Num(n) => n.to_string(),
            Token::Ident(s) => s.clone(),
            Token::Sym(c) => c.to_string(),
        }
    }
}

fn tokenize(src: &str) -> Result<Vec<Token>, String> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() || c == '.' {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let s: String = chars[start..i].iter().collect();
            out.push(Token::Num(s.parse().map_err(|_| format!("bad number `{s}` in formula"))?));
        } else if c.is_ascii_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(Token::Ident(chars[start..i].iter().collect()));
        } else if "+-*/(),".contains(c) {
            out.push(Token::Sym(c));
            i += 1;
        } else {
            return Err(format!("unexpected character `{c}` in formula `{src}`"));
        }
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    fn eat(&mut self, c: char) -> Result<(), String> {
        match self.next() {
            Some(Token::Sym(s)) if s == c => Ok(()),
            Some(t) => Err(format!("expected `{c}` in formula, found `{}`", t.text())),
            None => Err(format!("expected `{c}` in formula, found the end")),
        }
    }

    fn ident(&mut self) -> Result<String, String> {
        match self.next() {
            Some(Token::Ident(s)) => Ok(s),
            Some(t) => Err(format!("expected a name in formula, found `{}`", t.text())),
            None => Err("expected a name in formula, found the end".into()),
        }
    }

    fn expr(&mut self) -> Result<Formula, String> {
        let mut left = self.term()?;
        while let Some(Token::Sym(c @ ('+' | '-'))) = self.peek().cloned() {
            self.pos += 1;
            let op = if c == '+' { Op::Add } else { Op::Sub };
            left = Formula::Binary(Box::new(left), op, Box::new(self.term()?));
        }
        Ok(left)
    }

    fn term(&mut self) -> Result<Formula, String> {
        let mut left = self.factor()?;
        while let Some(Token::Sym(c @ ('*' | '/'))) = self.peek().cloned() {
            self.pos += 1;
            let op = if c == '*' { Op::Mul } else { Op::Div };
            left = Formula::Binary(Box::new(left), op, Box::new(self.factor()?));
        }
        Ok(left)
    }

    fn factor(&mut self) -> Result<Formula, String> {
        match self.next() {
            Some(Token::Num(n)) => Ok(Formula::Number(n)),
            Some(Token::Sym('(')) => {
                let e = self.expr()?;
                self.eat(')')?;
                Ok(e)
            }
            Some(Token::Ident(name)) => {
                if self.peek() != Some(&Token::Sym('(')) {
                    return Ok(Formula::Indicator(name, None));
                }
                self.pos += 1;
                let f = match name.as_str() {
                    "max_min" => {
                        let indicator = self.ident()?;
                        self.eat(',')?;
                        let level = self.ident()?;
                        Formula::MaxMin { indicator, level }
                    }
                    "group_mean" => {
                        let indicator = self.ident()?;
                        self.eat(',')?;
                        let tag = self.ident()?;
                        self.eat(',')?;
                        let weight = self.ident()?;
                        Formula::GroupMean { indicator, tag, weight }
                    }
                    "sum_children" => Formula::SumChildren { indicator: self.ident()? },
                    "group_sum" => {
                        let indicator = self.ident()?;
                        self.eat(',')?;
                        let tag = self.ident()?;
                        Formula::GroupSum { indicator, tag }
                    }
                    other => return Err(format!("unknown function `{other}` in formula")),
                };
                self.eat(')')?;
                Ok(f)
            }
            Some(t) => Err(format!("unexpected `{}` in formula", t.text())),
            None => Err("formula ends too early".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_ratio_is_recognised() {
        let f = Formula::parse("group_mean(income_pc, mountain26, pop_resident) / income_pc").unwrap();
        assert_eq!(f.group_ratio(), Some(("income_pc", "mountain26")));
        assert_eq!(Formula::parse("group_mean(a, t, w) / b").unwrap().group_ratio(), None);
        let s = Formula::parse("group_sum(gdp, mountain26)").unwrap();
        assert_eq!(s, Formula::GroupSum { indicator: "gdp".into(), tag: "mountain26".into() });
        assert_eq!(s.render(&|x| x.to_string()), "group_sum(gdp, mountain26)");
        assert_eq!(s.inputs(), ["gdp"]);
        assert_eq!(Formula::parse("a / b").unwrap().group_ratio(), None);
    }

    #[test]
    fn parses_ratios_and_functions() {
        let f = Formula::parse("income_pc / gdp_per_capita * 100").unwrap();
        assert_eq!(f.to_string(), "income_pc / gdp_per_capita * 100");
        assert_eq!(f.inputs(), ["income_pc", "gdp_per_capita"]);
        let g = Formula::parse("group_mean(income_pc, mountain26, pop_resident) / income_pc").unwrap();
        assert_eq!(g.inputs(), ["income_pc", "pop_resident", "income_pc"]);
        assert!(g.is_aggregate());
        assert!(!f.is_aggregate());
        assert_eq!(
            Formula::parse("max_min(income_pc, city)").unwrap(),
            Formula::MaxMin { indicator: "income_pc".into(), level: "city".into() }
        );
    }

    #[test]
    fn reports_syntax_errors() {
        assert_eq!(Formula::parse("a / ").unwrap_err(), "formula ends too early");
        assert_eq!(Formula::parse("foo(a)").unwrap_err(), "unknown function `foo` in formula");
        assert_eq!(Formula::parse("a $ b").unwrap_err(), "unexpected character `$` in formula `a $ b`");
        assert_eq!(Formula::parse("a b").unwrap_err(), "unexpected `b` in formula `a b`");
    }

    #[test]
    fn renders_with_the_brackets_it_needs() {
        for text in ["(a + b) / c", "a / (b * c)", "a - (b - c)", "a / b * 100", "a + b * c"] {
            let f = Formula::parse(text).unwrap();
            assert_eq!(f.to_string(), text);
            assert_eq!(Formula::parse(&f.to_string()).unwrap(), f);
        }
        let f = Formula::parse("income_pc_urban / income_pc_rural").unwrap();
        assert_eq!(f.render(&|id| id.to_uppercase()), "INCOME_PC_URBAN / INCOME_PC_RURAL");
    }

    #[test]
    fn refuses_formulas_too_long_or_deep_to_follow() {
        let deep = format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000));
        assert!(Formula::parse(&deep).unwrap_err().contains("at most 256"));
        let long = vec!["a"; 200_000].join(" + ");
        assert!(Formula::parse(&long).unwrap_err().contains("at most 256"));
        let nested = format!("{}a{}", "(".repeat(100), ")".repeat(100));
        assert_eq!(Formula::parse(&nested).unwrap(), Formula::Indicator("a".into(), None));
    }
}
