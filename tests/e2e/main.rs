//! End-to-end tests of the `policydiff` binary, one test binary with a module per command.

mod browser;
mod compare;
mod docs;
mod hostile_inputs;
mod hostile_readers;
mod issue15;
mod issue22;
mod issue24;
mod metamorphic;
mod multi;
mod ocr;
mod ofd;
mod outputs;
mod parse;
mod pdf;
mod props;
mod report;
mod review;
mod robust;
mod serve;
mod sheets;
mod snapshots;
mod unseen;
mod util;
mod wild;
