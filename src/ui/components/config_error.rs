//! Shown instead of the app when `clinic.json` is refused: every problem, naming its key.
//! It must not run the app on half a configuration.

use yew::prelude::*;

use crate::core::Catalog;

/// Props of [`ConfigError`].
#[derive(Properties, Clone)]
pub struct ConfigErrorProps {
    /// One line per problem.
    pub lines: Vec<String>,
    /// The file could not be fetched (rather than being wrong).
    #[prop_or_default]
    pub unreachable: bool,
    /// Try loading again.
    #[prop_or_default]
    pub on_retry: Callback<()>,
    /// The English texts (this build's: the message shows before any language is chosen).
    pub catalog: &'static Catalog,
}

impl PartialEq for ConfigErrorProps {
    fn eq(&self, other: &Self) -> bool {
        self.lines == other.lines
            && self.unreachable == other.unreachable
            && self.on_retry == other.on_retry
            && std::ptr::eq(self.catalog, other.catalog)
    }
}

/// The refused-configuration page.
#[component(ConfigError)]
pub fn config_error(props: &ConfigErrorProps) -> Html {
    let c = props.catalog;
    html! {
        <main class="config-error" data-testid="config-error">
            if props.unreachable {
                <h1 id="page-heading" tabindex="-1">{ c.t("config.unreachable.title") }</h1>
                <p>{ c.t("config.unreachable.body") }</p>
            } else {
                <h1 id="page-heading" tabindex="-1">{ c.t("config.refused.title") }</h1>
                <p>{ c.t("config.refused.body") }</p>
            }
            <ul class="config-error-list">
                { for props.lines.iter().map(|l| html! { <li><code>{ l.clone() }</code></li> }) }
            </ul>
            if props.unreachable {
                <button class="button button--primary" type="button" onclick={props.on_retry.reform(|_: MouseEvent| ())}>
                    { c.t("config.retry") }
                </button>
            }
        </main>
    }
}
