//! Inline SVG drawing of one hair-loss pattern: a head seen from above, nose at the top, the
//! thinning drawn lighter than the hair. It must not carry text or meaning by itself (the
//! label beside it does), and must not use inline styles (the CSP forbids them): classes
//! only, styled in styles/pattern_picture.css.

use yew::prelude::*;

use super::stage_picture::{
    head, head_outline, picture, Shape, HAIR_FULL, HAIR_RECEDED, PART_WIDE,
};
use crate::core::answers::{Pattern, Sex};

/// A thin crown behind the receding temples, a small bald spot in its middle.
const CROWN_THIN: &str = "M47 84a13 11 0 1 0 26 0a13 11 0 1 0-26 0";
const CROWN_BALD: &str = "M53 84a7 6 0 1 0 14 0a7 6 0 1 0-14 0";
/// Thinning on both sides of a widening part, narrowing towards the front and the back.
const PART_THIN: &str = "M60 34C74 44 78 70 60 94C42 70 46 44 60 34Z";
/// Skin showing through everywhere: dots drawn as round caps of zero-length strokes.
const SHEDDING_DOTS: &str = "M44 40h0M71 39h0M35 44h0M50 47h0M59 45h0M71 48h0M86 44h0M35 57h0\
                             M41 54h0M58 58h0M69 53h0M81 57h0M92 53h0M39 68h0M48 64h0M62 63h0\
                             M75 62h0M87 64h0M33 77h0M46 72h0M53 75h0M69 76h0M78 73h0M89 75h0\
                             M39 80h0M51 81h0M62 85h0M75 83h0M89 82h0M44 91h0M55 90h0M71 90h0\
                             M82 95h0M49 103h0M62 100h0M75 98h0";
/// Two round bald patches with sharp borders.
const PATCHES: &str = "M37 58a9 9 0 1 0 18 0a9 9 0 1 0-18 0M67 82a7 7 0 1 0 14 0a7 7 0 1 0-14 0";
/// A question mark, drawn as a stroke and a dot.
const QUESTION_MARK: &str = "M50 52a10 10 0 1 1 14 9c-3 2-4 4-4 8v3M60 84h0";

/// Props of [`PatternPicture`].
#[derive(Properties, PartialEq, Clone)]
pub struct PatternPictureProps {
    pub pattern: Pattern,
    pub sex: Sex,
}

/// A decorative picture of a pattern (long hair round the head for women and other sexes).
#[component(PatternPicture)]
pub fn pattern_picture(props: &PatternPictureProps) -> Html {
    let sex = match props.sex {
        Sex::Female => "pattern-picture--female",
        Sex::Male => "pattern-picture--male",
        Sex::Other => "pattern-picture--other",
    };
    let (modifier, drawing): (&str, &[Shape]) = match props.pattern {
        Pattern::HairlineOrCrown => (
            "pattern-picture--hairline-or-crown",
            &[
                ("pattern-picture-hair", HAIR_RECEDED),
                ("pattern-picture-thin", CROWN_THIN),
                ("pattern-picture-bald", CROWN_BALD),
            ],
        ),
        Pattern::PartWidening => (
            "pattern-picture--part-widening",
            &[
                ("pattern-picture-hair", HAIR_FULL),
                ("pattern-picture-thin", PART_THIN),
                ("pattern-picture-bald", PART_WIDE),
            ],
        ),
        Pattern::DiffuseShedding => (
            "pattern-picture--diffuse-shedding",
            &[
                (
                    "pattern-picture-hair pattern-picture-hair--sparse",
                    HAIR_FULL,
                ),
                ("pattern-picture-dots", SHEDDING_DOTS),
            ],
        ),
        Pattern::Patches => (
            "pattern-picture--patches",
            &[
                ("pattern-picture-hair", HAIR_FULL),
                ("pattern-picture-patch", PATCHES),
            ],
        ),
        Pattern::Unsure => (
            "pattern-picture--unsure",
            &[("pattern-picture-mark", QUESTION_MARK)],
        ),
    };
    let long_hair = (props.sex != Sex::Male).then(|| {
        let hair = if props.pattern == Pattern::DiffuseShedding {
            "pattern-picture-long pattern-picture-long--sparse"
        } else {
            "pattern-picture-long"
        };
        (hair, "pattern-picture-strands")
    });
    let mut shapes = Vec::with_capacity(8);
    head(&mut shapes, "pattern-picture-skin", long_hair);
    shapes.extend_from_slice(drawing);
    // Long hair meets the hair on the head without a line; short hair gets an outline.
    if long_hair.is_none() {
        shapes.push(head_outline("pattern-picture-outline"));
    }
    picture(["pattern-picture", modifier, sex].join(" ").into(), &shapes)
}
