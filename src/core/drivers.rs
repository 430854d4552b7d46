//! Drivers of hair loss, ingredient emphasis and lifestyle advice (spec §5). It must not
//! produce text; the catalog renders these ids.

use serde::{Deserialize, Serialize};

use super::answers::{Answers, Condition, FamilyHistory, LifestyleFactor, Trigger};
use super::choice::choice;

choice! {
    /// A driver of hair loss found in the answers.
    pub enum Driver {
        Genetic = "genetic",
        Hormonal = "hormonal",
        Nutritional = "nutritional",
        StressLifestyle = "stress_lifestyle",
    }
}

choice! {
    /// An ingredient group of the injected formulation, in the order listed.
    pub enum IngredientGroup {
        AminoAcidsPeptides = "amino_acids_peptides",
        Vitamins = "vitamins",
        Minerals = "minerals",
        Antioxidants = "antioxidants",
    }
}

choice! {
    /// Whether a group is emphasised for this person.
    pub enum Emphasis { High = "high", Standard = "standard" }
}

choice! {
    /// One piece of lifestyle advice.
    pub enum Advice {
        NutritionDiet = "nutrition_diet",
        NutritionBloods = "nutrition_bloods",
        SleepStress = "sleep_stress",
        StopSmoking = "stop_smoking",
        HormonalDoctor = "hormonal_doctor",
        GentleCare = "gentle_care",
        StartEarly = "start_early",
        KeepMaintenance = "keep_maintenance",
    }
}

impl IngredientGroup {
    /// The drivers that raise this group's emphasis.
    pub fn drivers(self) -> &'static [Driver] {
        match self {
            IngredientGroup::AminoAcidsPeptides => &[Driver::Genetic],
            IngredientGroup::Vitamins => &[Driver::Nutritional, Driver::Hormonal],
            IngredientGroup::Minerals => &[Driver::Nutritional],
            IngredientGroup::Antioxidants => &[Driver::StressLifestyle],
        }
    }
}

/// An ingredient group with its emphasis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ingredient {
    pub group: IngredientGroup,
    pub emphasis: Emphasis,
}

/// The drivers present, in declaration order.
pub fn drivers(a: &Answers) -> Vec<Driver> {
    let c = |x: Condition| a.conditions.contains(&x);
    let t = |x: Trigger| a.recent_triggers.contains(&x);
    let l = |x: LifestyleFactor| a.lifestyle.contains(&x);
    let mut out = Vec::new();
    if a.is_pattern_loss() || a.family_history == FamilyHistory::Yes {
        out.push(Driver::Genetic);
    }
    if a.menopause || t(Trigger::Childbirth) || c(Condition::ThyroidDisorder) {
        out.push(Driver::Hormonal);
    }
    if t(Trigger::CrashDietOrWeightLoss)
        || l(LifestyleFactor::RestrictiveDiet)
        || c(Condition::IronDeficiencyOrAnaemia)
    {
        out.push(Driver::Nutritional);
    }
    if t(Trigger::SevereStress)
        || t(Trigger::IllnessOrFever)
        || t(Trigger::Surgery)
        || l(LifestyleFactor::HighStress)
        || l(LifestyleFactor::PoorSleep)
        || l(LifestyleFactor::Smoking)
        || l(LifestyleFactor::PollutionExposure)
    {
        out.push(Driver::StressLifestyle);
    }
    out
}

/// All four groups, each `high` when one of its drivers is present.
pub fn ingredients(drivers: &[Driver]) -> Vec<Ingredient> {
    IngredientGroup::ALL
        .iter()
        .map(|&group| Ingredient {
            group,
            emphasis: if group.drivers().iter().any(|d| drivers.contains(d)) {
                Emphasis::High
            } else {
                Emphasis::Standard
            },
        })
        .collect()
}

/// Lifestyle advice by driver, then the advice everyone gets.
pub fn advice(a: &Answers, drivers: &[Driver]) -> Vec<Advice> {
    let mut out = Vec::new();
    if drivers.contains(&Driver::Nutritional) {
        out.extend([Advice::NutritionDiet, Advice::NutritionBloods]);
    }
    if drivers.contains(&Driver::StressLifestyle) {
        out.push(Advice::SleepStress);
        if a.lifestyle.contains(&LifestyleFactor::Smoking) {
            out.push(Advice::StopSmoking);
        }
    }
    if drivers.contains(&Driver::Hormonal) {
        out.push(Advice::HormonalDoctor);
    }
    out.extend([
        Advice::GentleCare,
        Advice::StartEarly,
        Advice::KeepMaintenance,
    ]);
    out
}
