//! End-to-end tests of the `policydiff` binary, one test binary with a module per command.

mod browser;
mod compare;
mod docs;
mod hostile_inputs;
mod issue15;
mod issue22;
mod metamorphic;
mod multi;
mod outputs;
mod parse;
mod pdf;
mod props;
mod report;
mod review;
mod robust;
mod sheets;
mod unseen;
mod util;
mod wild;
