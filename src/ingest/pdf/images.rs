//! The image of a scanned PDF page: the largest image XObject among the page's resources.
//!
//! Read: DCTDecode (JPEG, handed to the decoder as it is) and FlateDecode (or no filter)
//! samples of 8-bit grey, RGB or CMYK, or 1-bit grey, PNG predictors undone by lopdf,
//! inflated at most to the size the image states. Refused with a reason: CCITT fax,
//! JBIG2 and JPEG 2000 images, and images of more than `raster::MAX_PIXELS` pixels
//! (before anything is decoded).

use lopdf::{Document, Object, ObjectId};

use super::super::ocr::{PageImage, raster};

/// The page's scan: its largest image, or [`PageImage::Blank`] when it has none.
pub(super) fn page_image(doc: &Document, page: ObjectId, cap: usize) -> PageImage {
    let (resources, parents) = doc.get_page_resources(page).unwrap_or((None, Vec::new()));
    let mut dicts: Vec<&lopdf::Dictionary> = resources.into_iter().collect();
    dicts.extend(parents.iter().filter_map(|&id| doc.get_dictionary(id).ok()));
    let mut best: Option<(u64, &lopdf::Stream)> = None;
    for res in dicts {
        let Some(xobjects) = deref(doc, res.get(b"XObject").ok()).and_then(|o| o.as_dict().ok())
        else {
            continue;
        };
        for (_, v) in xobjects.iter().take(1000) {
            let Some(stream) = deref(doc, Some(v)).and_then(|o| o.as_stream().ok()) else {
                continue;
            };
            if !matches!(
                stream.dict.get(b"Subtype").and_then(Object::as_name),
                Ok(b"Image")
            ) {
                continue;
            }
            let (w, h) = (int(doc, stream, b"Width"), int(doc, stream, b"Height"));
            let area = w * h;
            if best.is_none_or(|(a, _)| area > a) {
                best = Some((area, stream));
            }
        }
    }
    match best {
        None => PageImage::Blank,
        Some((_, stream)) => image_of(doc, stream, cap),
    }
}

fn deref<'a>(doc: &'a Document, o: Option<&'a Object>) -> Option<&'a Object> {
    match o? {
        Object::Reference(id) => doc.get_object(*id).ok(),
        o => Some(o),
    }
}

fn int(doc: &Document, s: &lopdf::Stream, key: &[u8]) -> u64 {
    deref(doc, s.dict.get(key).ok())
        .and_then(|o| o.as_i64().ok())
        .map_or(0, |v| v.clamp(0, u32::MAX.into()) as u64)
}

fn image_of(doc: &Document, stream: &lopdf::Stream, cap: usize) -> PageImage {
    let (w, h) = (int(doc, stream, b"Width"), int(doc, stream, b"Height"));
    let (Ok(w32), Ok(h32)) = (u32::try_from(w), u32::try_from(h)) else {
        return PageImage::Unreadable("its image's size is out of range".to_string());
    };
    if let Err(e) = raster::check_size(w32, h32) {
        return PageImage::Unreadable(e);
    }
    let filters: Vec<Vec<u8>> = match deref(doc, stream.dict.get(b"Filter").ok()) {
        Some(Object::Name(n)) => vec![n.clone()],
        Some(Object::Array(a)) => a
            .iter()
            .filter_map(|o| o.as_name().ok().map(<[u8]>::to_vec))
            .collect(),
        _ => Vec::new(),
    };
    let last = filters.last().map(Vec::as_slice);
    match last {
        Some(b"DCTDecode") if filters.len() == 1 => {
            return PageImage::Encoded(stream.content.clone());
        }
        Some(b"CCITTFaxDecode" | b"JBIG2Decode" | b"JPXDecode") => {
            let name = String::from_utf8_lossy(last.unwrap_or_default()).into_owned();
            return PageImage::Unreadable(format!(
                "its image is compressed with {name}, which is not read (JPEG and Flate images are)"
            ));
        }
        None | Some(b"FlateDecode") => {}
        Some(other) => {
            return PageImage::Unreadable(format!(
                "its image is compressed with {}, which is not read (JPEG and Flate images are)",
                String::from_utf8_lossy(other)
            ));
        }
    }
    let bits = int(doc, stream, b"BitsPerComponent") as u32;
    let components = match deref(doc, stream.dict.get(b"ColorSpace").ok()) {
        Some(Object::Name(n)) if n == b"DeviceGray" || n == b"CalGray" => 1,
        Some(Object::Name(n)) if n == b"DeviceRGB" || n == b"CalRGB" => 3,
        Some(Object::Name(n)) if n == b"DeviceCMYK" => 4,
        Some(Object::Array(a)) if a.first().and_then(|o| o.as_name().ok()) == Some(b"ICCBased") => {
            a.get(1)
                .and_then(|o| o.as_reference().ok())
                .and_then(|id| doc.get_object(id).ok())
                .and_then(|o| o.as_stream().ok())
                .and_then(|s| s.dict.get(b"N").ok().and_then(|n| n.as_i64().ok()))
                .map_or(3, |n| n.clamp(1, 4) as u32)
        }
        _ if stream.dict.get(b"ImageMask").is_ok() => 1,
        _ => 0,
    };
    // Predicted rows carry one more byte each.
    let row = (w * u64::from(components.max(1)) * u64::from(bits.max(1))).div_ceil(8) + 1;
    let limit = usize::try_from(row * h + 4096)
        .unwrap_or(usize::MAX)
        .min(cap);
    if filters.is_empty() {
        return PageImage::Samples {
            width: w32,
            height: h32,
            components,
            bits,
            data: stream.content.clone(),
        };
    }
    // Inflated when the page is read, not now: a long scan then holds the samples of
    // the pages being read only, not of every page at once.
    let stream = stream.clone();
    PageImage::Deflated {
        width: w32,
        height: h32,
        components,
        bits,
        inflate: Box::new(move || {
            stream
                .decompressed_content_with_limit(limit)
                .map_err(|e| format!("its image cannot be inflated ({e})"))
        }),
    }
}
