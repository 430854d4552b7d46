//! "Show N more" under a long list that shows its rows a page at a time (the saved plans, the
//! staff's patients): how many are shown of how many, and the button. After a click, keyboard
//! focus moves to the first row added, so it is never lost when the button goes with the last
//! page. It must not hold the rows nor decide how many to show: the page does.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::ui::context::use_app;

/// Props of [`ShowMore`].
#[derive(Properties, PartialEq, Clone)]
pub struct ShowMoreProps {
    /// Rows shown now, and in all.
    pub listed: usize,
    pub total: usize,
    /// Rows a click adds.
    pub page: usize,
    /// Catalog keys: the status line (`{shown}`, `{total}`) and the button (a count).
    pub status_key: &'static str,
    pub more_key: &'static str,
    /// The id of the list whose children are the rows.
    pub list_id: &'static str,
    /// Prefix of the `data-testid`s: `{testid}-shown`, `{testid}-more`.
    pub testid: &'static str,
    pub on_more: Callback<()>,
}

/// The status line and the button, while rows remain hidden; nothing after.
#[component(ShowMore)]
pub fn show_more(props: &ShowMoreProps) -> Html {
    let ctx = use_app();
    let focus_from = use_mut_ref(|| None::<usize>);
    {
        let focus_from = focus_from.clone();
        let list_id = props.list_id;
        use_effect_with(props.listed, move |listed| {
            if let Some(first_new) = focus_from.borrow_mut().take().filter(|n| n < listed) {
                focus_row(list_id, first_new);
            }
        });
    }
    if props.total <= props.listed {
        return html! {};
    }
    let onclick = {
        let on_more = props.on_more.clone();
        let listed = props.listed;
        Callback::from(move |_: MouseEvent| {
            *focus_from.borrow_mut() = Some(listed);
            on_more.emit(());
        })
    };
    let (shown, total) = (props.listed.to_string(), props.total.to_string());
    html! {
        <div class="show-more">
            <p role="status" data-testid={format!("{}-shown", props.testid)}>
                { ctx.f(props.status_key, &[("shown", &shown), ("total", &total)]) }
            </p>
            <button class="button" type="button" data-testid={format!("{}-more", props.testid)} {onclick}>
                { ctx.catalog.count(props.more_key, props.page.min(props.total - props.listed)) }
            </button>
        </div>
    }
}

/// Focuses the first link or button of row `index` of the list `list_id`.
fn focus_row(list_id: &str, index: usize) {
    let target = gloo::utils::document()
        .get_element_by_id(list_id)
        .and_then(|list| list.children().item(index as u32))
        .and_then(|row| row.query_selector("a[href], button").ok().flatten())
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = target {
        let _ = el.focus();
    }
}
