// The way cargo-auditable 0.5 embedded audit data: a used static in a `.dep-v0` section.
#[used]
#[link_section = ".dep-v0"]
static AUDITABLE_VERSION_INFO: [u8; include_bytes!("dep-v0.zlib").len()] = *include_bytes!("dep-v0.zlib");

fn main() {
    println!("hello");
}
