//! Inline SVG drawing of one stage of the Norwood or Ludwig scale, and the head drawing it
//! shares with the pattern pictures. It must not carry text or meaning by itself (the label
//! beside it does), and must not use inline styles (the CSP forbids them): classes only,
//! styled in styles/stage_picture.css.

use yew::prelude::*;

use crate::core::answers::{Scale, Stage};

// The head seen from above, nose at the top: an ellipse centred at (60, 64), 38 × 46 wide
// in a 120 × 120 box. Hair paths run along its edge (`A38 46 0 1 0 …` round the back of the
// head) and come back along the hairline, so nothing needs clipping.

/// The ears (short hair only: long hair covers them).
const EARS: &str = "M23 54c-7-1-9 16-1 18M97 54c7-1 9 16 1 18";
/// The tip of the nose, showing which way the head faces.
const NOSE: &str = "M54 20Q60 6 66 20";
/// Long hair falling past the head at the sides and the back.
const LONG_HAIR: &str = "M30 40C18 50 12 74 14 96C15 106 18 112 24 114Q32 118 40 114Q50 119 60 \
                         115Q70 119 80 114Q88 118 96 114C102 112 105 106 106 96C108 74 102 50 \
                         90 40Z";
/// A few strands in the long hair.
const LONG_STRANDS: &str = "M19 78C17 92 20 104 26 110M101 78C103 92 100 104 94 110";

/// A full head of hair behind a natural frontal hairline (Norwood 1).
pub(crate) const HAIR_FULL: &str = "M32.7 32A38 46 0 1 0 87.3 32C76 24 44 24 32.7 32Z";
/// Hair behind deeply receding temples, a forelock left in the middle (Norwood 3).
pub(crate) const HAIR_RECEDED: &str = "M27.6 40A38 46 0 1 0 92.4 40C87 44 81 53 75 53C70 53 67 32 \
                                       60 32C53 32 50 53 45 53C39 53 33 44 27.6 40Z";
/// A part along the middle of the head, widened.
pub(crate) const PART_WIDE: &str = "M60 30C64 46 64 68 60 88C56 68 56 46 60 30Z";

/// The outline of the head, as a path (drawn under the hair as skin, and over it as a line).
const HEAD: &str = "M22 64a38 46 0 1 0 76 0a38 46 0 1 0-76 0";

/// One shape of a picture: its class and its path data.
pub(crate) type Shape = (&'static str, &'static str);

/// The skin of the head with its ears (or long hair) and nose, drawn first: hair goes on
/// top. `long_hair` is `(class of the hair, class of its strands)`.
pub(crate) fn head(
    shapes: &mut Vec<Shape>,
    skin: &'static str,
    long_hair: Option<(&'static str, &'static str)>,
) {
    match long_hair {
        Some((hair, strands)) => shapes.extend([(hair, LONG_HAIR), (strands, LONG_STRANDS)]),
        None => shapes.push((skin, EARS)),
    }
    shapes.extend([(skin, NOSE), (skin, HEAD)]);
}

/// The outline of the head, drawn last over the edges of the hair.
pub(crate) fn head_outline(outline: &'static str) -> Shape {
    (outline, HEAD)
}

/// The svg of a picture: one path per shape, in drawing order.
pub(crate) fn picture(class: AttrValue, shapes: &[Shape]) -> Html {
    html! {
        <svg {class} viewBox="0 0 120 120" aria-hidden="true" focusable="false">
            { for shapes.iter().map(|&(class, d)| html! { <path {class} {d} /> }) }
        </svg>
    }
}

/// Norwood 1–7: (modifier class, hair, bald crown). Temples recede (2, 3), a crown spot
/// opens behind a band of hair (4, 5), the band goes (6) and only a fringe is left (7).
const NORWOOD: [(&str, &str, Option<&str>); 7] = [
    ("stage-picture stage-picture--norwood-1", HAIR_FULL, None),
    (
        "stage-picture stage-picture--norwood-2",
        "M31.2 34A38 46 0 1 0 88.8 34C84 37 79 40 75 39C70 37 66 25 60 25C54 25 50 37 45 39C41 40 \
         36 37 31.2 34Z",
        None,
    ),
    ("stage-picture stage-picture--norwood-3", HAIR_RECEDED, None),
    (
        "stage-picture stage-picture--norwood-4",
        "M25 46A38 46 0 1 0 95 46C88 50 80 61 74 61C68 61 66 46 60 46C54 46 52 61 46 61C40 61 \
         32 50 25 46Z",
        Some("M50 87a10 8 0 1 0 20 0a10 8 0 1 0-20 0"),
    ),
    (
        "stage-picture stage-picture--norwood-5",
        "M23.3 52A38 46 0 1 0 96.7 52C90 56 80 68 72 68C66 68 64 60 60 60C56 60 54 68 48 68C40 68 \
         30 56 23.3 52Z",
        Some("M45 86a15 12 0 1 0 30 0a15 12 0 1 0-30 0"),
    ),
    (
        "stage-picture stage-picture--norwood-6",
        "M23.8 50A38 46 0 1 0 96.2 50C90 54 84 64 84 78C84 92 74 97 60 97C46 97 36 92 36 78C36 64 \
         30 54 23.8 50Z",
        None,
    ),
    (
        "stage-picture stage-picture--norwood-7",
        "M22.2 60A38 46 0 1 0 97.8 60C92 64 90 74 90 84C90 96 78 102 60 102C42 102 30 96 30 84C30 \
         74 28 64 22.2 60Z",
        None,
    ),
];

/// Ludwig 1–3: (modifier class, thinning zone, its class, the part). The part widens and the
/// thinning over the crown grows and lightens; the frontal hairline stays.
const LUDWIG: [(&str, &str, &str, &str); 3] = [
    (
        "stage-picture stage-picture--ludwig-1",
        "M60 34C66 46 66 66 60 86C54 66 54 46 60 34Z",
        "stage-picture-thin",
        "M60 30C62 46 62 66 60 84C58 66 58 46 60 30Z",
    ),
    (
        "stage-picture stage-picture--ludwig-2",
        "M42 62a18 27 0 1 0 36 0a18 27 0 1 0-36 0",
        "stage-picture-thin",
        PART_WIDE,
    ),
    (
        "stage-picture stage-picture--ludwig-3",
        "M60 36C80 38 88 54 86 70C84 88 72 96 60 96C48 96 36 88 34 70C32 54 40 38 60 36Z",
        "stage-picture-thin stage-picture-thin--severe",
        "M60 30C66 46 68 68 60 92C52 68 54 46 60 30Z",
    ),
];

/// Props of [`StagePicture`].
#[derive(Properties, PartialEq, Clone)]
pub struct StagePictureProps {
    pub stage: Stage,
}

/// A decorative picture of a stage (a grade out of range shows the nearest one).
#[component(StagePicture)]
pub fn stage_picture(props: &StagePictureProps) -> Html {
    let Stage { scale, grade } = props.stage;
    let index = usize::from(grade.clamp(1, Stage::max_grade(scale)) - 1);
    let mut shapes = Vec::with_capacity(7);
    head(&mut shapes, "stage-picture-skin", None);
    let class = match scale {
        Scale::Norwood => {
            let (class, hair, crown) = NORWOOD[index];
            shapes.push(("stage-picture-hair", hair));
            shapes.extend(crown.map(|crown| ("stage-picture-bald", crown)));
            class
        }
        Scale::Ludwig => {
            let (class, thin, thin_class, part) = LUDWIG[index];
            shapes.extend([
                ("stage-picture-hair", HAIR_FULL),
                (thin_class, thin),
                ("stage-picture-bald", part),
            ]);
            class
        }
    };
    shapes.push(head_outline("stage-picture-outline"));
    picture(AttrValue::Static(class), &shapes)
}
