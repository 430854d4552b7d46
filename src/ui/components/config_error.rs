//! Shown instead of the app when `clinic.json` is refused: every problem, naming its key.
//! It must not run the app on half a configuration.

use yew::prelude::*;

use crate::core::Catalog;

/// Props of [`ConfigError`].
#[derive(Properties, PartialEq, Clone)]
pub struct ConfigErrorProps {
    /// One line per problem.
    pub lines: Vec<String>,
}

/// The refused-configuration page.
#[component(ConfigError)]
pub fn config_error(props: &ConfigErrorProps) -> Html {
    let c = Catalog::english();
    html! {
        <main class="config-error" data-testid="config-error">
            <h1 id="page-heading" tabindex="-1">{ c.t("config.refused.title") }</h1>
            <p>{ c.t("config.refused.body") }</p>
            <ul class="config-error-list">
                { for props.lines.iter().map(|l| html! { <li><code>{ l.clone() }</code></li> }) }
            </ul>
        </main>
    }
}
