//! End-to-end tests of the `policydiff` binary, one test binary with a module per command.

mod browser;
mod compare;
mod docs;
mod issue15;
mod multi;
mod parse;
mod props;
mod report;
mod robust;
mod unseen;
mod util;
mod wild;
