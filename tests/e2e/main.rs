//! End-to-end tests of the `policydiff` binary, one test binary with a module per command.

mod compare;
mod parse;
mod report;
mod util;
