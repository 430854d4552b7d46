//! Pages, one per route. They read the app context and dispatch to the stores; IO stays in
//! the shell and `ui::storage` / `ui::browser`.

pub mod about_page;
pub mod letter_page;
pub mod not_found_page;
pub mod plan_page;
pub mod result_page;
pub mod results;
pub mod saved_list_page;
pub mod saved_plan_page;
pub mod setup_page;
pub mod shared_page;
pub mod staff;
pub mod start_page;
pub mod step_page;

pub use about_page::AboutPage;
pub use letter_page::LetterPage;
pub use not_found_page::NotFoundPage;
pub use plan_page::PlanPage;
pub use result_page::ResultPage;
pub use saved_list_page::SavedListPage;
pub use saved_plan_page::SavedPlanPage;
pub use setup_page::SetupPage;
pub use shared_page::SharedPage;
pub use start_page::StartPage;
pub use step_page::StepPage;
