//! The `:` command line: parsing and Tab completion.

/// A parsed command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommandLine {
    Home,
    Products,
    /// `:orders [status]`.
    Orders(Option<String>),
    Customers,
    Categories,
    Webhooks,
    Console,
    Product(u64),
    Order(u64),
    Customer(u64),
    Profile(String),
    /// `:export PATH`: the current orders view to CSV (`…lines.csv`: one row per line item).
    Export(String),
    /// `:poll SECONDS` / `:poll off`: how often to look for new orders.
    Poll(Option<u64>),
    /// `:log`: every write this run made.
    Log,
    Quit,
}

/// Command names with their argument hint, in completion order.
pub const COMMAND_NAMES: &[(&str, &str)] = &[
    ("home", ""),
    ("products", ""),
    ("orders", "[status]"),
    ("customers", ""),
    ("categories", ""),
    ("webhooks", ""),
    ("console", ""),
    ("product", "ID"),
    ("order", "ID"),
    ("customer", "ID"),
    ("profile", "NAME"),
    ("export", "PATH"),
    ("poll", "SECONDS"),
    ("log", ""),
    ("q", ""),
];

/// Reads a command line (without the leading `:`).
pub fn parse(text: &str) -> Result<CommandLine, String> {
    let text = text.trim().trim_start_matches(':').trim();
    let (name, arg) = match text.split_once(char::is_whitespace) {
        Some((name, arg)) => (name, arg.trim()),
        None => (text, ""),
    };
    let id = |what: &str| -> Result<u64, String> {
        arg.parse()
            .map_err(|_| format!(":{name} needs a {what} id, e.g. :{name} 100"))
    };
    let no_arg = |command: CommandLine| -> Result<CommandLine, String> {
        if arg.is_empty() {
            Ok(command)
        } else {
            Err(format!(":{name} takes no argument"))
        }
    };
    match name {
        "home" => no_arg(CommandLine::Home),
        "products" => no_arg(CommandLine::Products),
        "orders" => Ok(CommandLine::Orders(
            Some(arg.to_string()).filter(|a| !a.is_empty()),
        )),
        "customers" => no_arg(CommandLine::Customers),
        "categories" => no_arg(CommandLine::Categories),
        "webhooks" => no_arg(CommandLine::Webhooks),
        "console" => no_arg(CommandLine::Console),
        "product" => id("product").map(CommandLine::Product),
        "order" => id("order").map(CommandLine::Order),
        "customer" => id("customer").map(CommandLine::Customer),
        "profile" if arg.is_empty() => Err(":profile needs a profile name".to_string()),
        "profile" => Ok(CommandLine::Profile(arg.to_string())),
        "export" if arg.is_empty() => Err(
            ":export needs a file, e.g. :export orders.csv or :export orders-lines.csv".to_string(),
        ),
        "export" => Ok(CommandLine::Export(arg.to_string())),
        "poll" if arg == "off" => Ok(CommandLine::Poll(None)),
        "poll" => arg
            .parse()
            .ok()
            .filter(|s| *s > 0)
            .map(|s| CommandLine::Poll(Some(s)))
            .ok_or_else(|| ":poll needs seconds (e.g. :poll 60) or off".to_string()),
        "log" => no_arg(CommandLine::Log),
        "q" | "quit" => no_arg(CommandLine::Quit),
        "" => Err("Type a command, e.g. :orders or :product 100 (Tab completes)".to_string()),
        other => Err(format!("Unknown command :{other} (Tab lists the commands)")),
    }
}

/// Completion candidates for the text being typed and which one is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// The text before the word being completed.
    pub prefix: String,
    /// Full replacements for the word.
    pub candidates: Vec<String>,
    /// The candidate currently in the input.
    pub index: usize,
}

impl Completion {
    /// The whole command line with the current candidate.
    pub fn line(&self) -> String {
        format!("{}{}", self.prefix, self.candidates[self.index])
    }
}

/// Computes completions for `text`; `statuses` and `profiles` complete the
/// arguments of `:orders` and `:profile`.
pub fn complete(text: &str, statuses: &[String], profiles: &[String]) -> Option<Completion> {
    let (prefix, candidates) = match text.split_once(' ') {
        None => {
            let word = text.to_lowercase();
            let names: Vec<String> = COMMAND_NAMES
                .iter()
                .filter(|(name, _)| name.starts_with(&word))
                .map(|(name, hint)| {
                    if hint.is_empty() {
                        name.to_string()
                    } else {
                        format!("{name} ")
                    }
                })
                .collect();
            (String::new(), names)
        }
        Some((name, arg)) => {
            let pool = match name {
                "orders" => statuses,
                "profile" => profiles,
                _ => &[][..],
            };
            let wanted = arg.trim_start().to_lowercase();
            let matches = pool
                .iter()
                .filter(|option| option.to_lowercase().starts_with(&wanted))
                .cloned()
                .collect();
            (format!("{name} "), matches)
        }
    };
    if candidates.is_empty() {
        None
    } else {
        Some(Completion {
            prefix,
            candidates,
            index: 0,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_command() {
        assert_eq!(parse("products"), Ok(CommandLine::Products));
        assert_eq!(parse("home"), Ok(CommandLine::Home));
        assert_eq!(parse("orders"), Ok(CommandLine::Orders(None)));
        assert_eq!(
            parse("orders awaiting fulfillment"),
            Ok(CommandLine::Orders(Some("awaiting fulfillment".into())))
        );
        assert_eq!(parse(":order 120"), Ok(CommandLine::Order(120)));
        assert_eq!(parse("customer 7"), Ok(CommandLine::Customer(7)));
        assert_eq!(parse("product 9"), Ok(CommandLine::Product(9)));
        assert_eq!(
            parse("profile prod"),
            Ok(CommandLine::Profile("prod".into()))
        );
        assert_eq!(parse("q"), Ok(CommandLine::Quit));
        assert!(parse("order x").is_err());
        assert!(parse("nonsense").is_err());
    }

    #[test]
    fn completes_names_then_arguments() {
        let c = complete("or", &[], &[]).unwrap();
        assert_eq!(c.candidates, ["orders ", "order "]);
        let statuses = vec!["Shipped".to_string(), "Awaiting Payment".to_string()];
        let c = complete("orders aw", &statuses, &[]).unwrap();
        assert_eq!(c.line(), "orders Awaiting Payment");
        let c = complete("profile ", &[], &["demo".into(), "prod".into()]).unwrap();
        assert_eq!(c.candidates, ["demo", "prod"]);
        assert!(complete("zzz", &[], &[]).is_none());
    }
}
