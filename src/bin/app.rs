//! The web app's main-thread binary (built by trunk from index.html, `--features web`).
//!
//! Consumes the page; produces the mounted yew app. All behaviour lives in the library's `ui`
//! and `web` modules; this file only mounts the root component.

use pprofview::ui::App;

fn main() {
    yew::Renderer::<App>::new().render();
}
