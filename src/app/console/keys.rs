//! What the console's keys do: the intents its key table
//! ([`super::key_table`]) maps keys to and its update carries out.

/// What a console key does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsoleIntent {
    EditPath,
    EditBody,
    /// `E`: edit the body in `$VISUAL` / `$EDITOR`.
    EditBodyExternally,
    CycleMethod,
    Send,
    /// Esc while a request runs: stop waiting for its answer.
    StopWaiting,
    /// Leave the path line, body, search, history or prompt.
    Leave,
    Complete,
    CompleteBack,
    HistoryOlder,
    HistoryNewer,
    SearchHistory,
    ToggleHeaders,
    Scroll(ScrollBy),
    StartSearch,
    NextMatch,
    PrevMatch,
    SaveBody,
    CopyCurl,
    CopyBody,
    /// Enter in the search or history prompt.
    Accept,
    /// `y` at the DELETE prompt.
    ConfirmDelete,
    PickOlder,
    PickNewer,
}

/// How far a scroll key moves the response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScrollBy {
    Line(i8),
    Page(i8),
    Top,
    Bottom,
    /// Sideways, for long lines.
    Columns(i8),
}
