//! The transfer module against lrzsz, the reference ZMODEM implementation the staff's terminals
//! (Xshell, SecureCRT, WindTerm) interoperate with: this process plays the console on a pty's
//! slave side, tests/pty plays the terminal on its master side and runs `sz`/`rz` when it sees a
//! ZMODEM start, as those terminals do. The console's own binary is driven the same way in
//! tests/desktop.rs.

mod pty;

use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use kaowu::transfer::{self, Limits, TransferError, Tty, Watch};
use pty::{Peer, Pty, noise};

fn tty(p: &Pty) -> Tty {
    Tty::new(p.slave.try_clone().unwrap(), p.slave.try_clone().unwrap())
}

fn watch<T>(answer: Duration, f: impl FnOnce(&Watch) -> T) -> T {
    let stop = AtomicBool::new(false);
    let beat = || {};
    let w = Watch {
        stop: &stop,
        beat: &beat,
        limits: Limits { answer },
    };
    f(&w)
}

fn sz(file: &Path) -> Vec<String> {
    vec![
        "sz".into(),
        "--binary".into(),
        "--quiet".into(),
        file.display().to_string(),
    ]
}

fn rz() -> Vec<String> {
    ["rz", "--binary", "--quiet"].map(String::from).to_vec()
}

#[test]
fn files_sent_from_the_terminal_arrive_in_the_inbox_byte_for_byte_20_mb_too() {
    let dir = tempfile::tempdir().unwrap();
    let desk = dir.path().join("desk");
    let inbox = dir.path().join("inbox");
    std::fs::create_dir(&desk).unwrap();
    for (name, len) in [("报名表.xlsx", 12_345), ("big.bin", 20 * 1000 * 1000)] {
        let file = desk.join(name);
        noise(&file, len);
        let p = Pty::open();
        p.raw();
        p.on_zmodem(Peer::Run(sz(&file), desk.clone()));
        let start = Instant::now();
        let got = watch(Duration::from_secs(10), |w| {
            transfer::receive_into(&tty(&p), &inbox, w)
        })
        .unwrap();
        assert_eq!(got, vec![inbox.join(name)]);
        assert_eq!(
            std::fs::read(&got[0]).unwrap(),
            std::fs::read(&file).unwrap(),
            "{name} byte for byte"
        );
        assert_eq!(p.peer_runs(1), vec![Some(0)], "sz saw it through");
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{name}: {:?}",
            start.elapsed()
        );
    }
    assert!(!inbox.join(transfer::PARTIAL_DIR).exists());
}

#[test]
fn a_file_received_twice_keeps_both_copies_under_free_names() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inbox");
    let file = dir.path().join("20211211-初级_某学院.xlsx");
    noise(&file, 5000);
    for _ in 0..2 {
        let p = Pty::open();
        p.raw();
        p.on_zmodem(Peer::Run(sz(&file), dir.path().into()));
        watch(Duration::from_secs(10), |w| {
            transfer::receive_into(&tty(&p), &inbox, w)
        })
        .unwrap();
    }
    assert!(inbox.join("20211211-初级_某学院.xlsx").is_file());
    assert!(inbox.join("20211211-初级_某学院_2.xlsx").is_file());
}

#[test]
fn a_file_sent_to_the_terminal_arrives_byte_for_byte_20_mb_too() {
    let dir = tempfile::tempdir().unwrap();
    let desk = dir.path().join("desk");
    std::fs::create_dir(&desk).unwrap();
    for (name, len) in [("退回表.xlsx", 54_321), ("big.bin", 20 * 1000 * 1000)] {
        let file = dir.path().join(name);
        noise(&file, len);
        let p = Pty::open();
        p.raw();
        p.on_zmodem(Peer::Run(rz(), desk.clone()));
        watch(Duration::from_secs(10), |w| {
            transfer::send(&tty(&p), &file, w)
        })
        .unwrap();
        assert_eq!(p.peer_runs(1), vec![Some(0)]);
        assert_eq!(
            std::fs::read(desk.join(name)).unwrap(),
            std::fs::read(&file).unwrap(),
            "{name} byte for byte"
        );
    }
}

#[test]
fn a_cancel_from_the_terminal_mid_way_leaves_nothing_in_the_inbox() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inbox");
    let file = dir.path().join("20211211-初级_某学院.xlsx");
    noise(&file, 20 * 1000 * 1000);
    let p = Pty::open();
    p.raw();
    p.on_zmodem(Peer::CancelAfter(sz(&file), dir.path().into(), 2_000_000));
    let got = watch(Duration::from_secs(10), |w| {
        transfer::receive_into(&tty(&p), &inbox, w)
    });
    assert!(matches!(got, Err(TransferError::Cancelled)), "{got:?}");
    let left: Vec<_> = std::fs::read_dir(&inbox).unwrap().collect();
    assert!(left.is_empty(), "nothing half-received: {left:?}");
}

#[test]
fn a_terminal_that_never_answers_is_given_up_on_in_time() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inbox");
    let p = Pty::open();
    p.raw();
    let start = Instant::now();
    let got = watch(Duration::from_secs(1), |w| {
        transfer::receive_into(&tty(&p), &inbox, w)
    });
    assert!(matches!(got, Err(TransferError::NoAnswer)), "{got:?}");
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    assert!(std::fs::read_dir(&inbox).unwrap().next().is_none());
    // rz did start (the terminal saw its request), and was told to stop.
    p.wait_for("**\x18B01");
    p.wait_for("\x18\x18\x18\x18\x18\x18\x18\x18\x08");
}
