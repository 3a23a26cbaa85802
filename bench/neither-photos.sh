#!/bin/sh
# Rebuilds the "neither" photo set of BENCHMARKS.md ("Findings you can trust"): 81 real photographs that
# Debian packages ship (desktop backgrounds, sample images), none showing a cat or a dog. Each was looked at;
# left out on purpose: illustrations and renders, lomiri's friends_by_Aitzol_Berasategi.jpg (two dogs),
# scikit-image's chelsea.png (a cat), OpenCV's chicky_512.png (a dog), near-copies (stereo pairs, calibration
# series) and a painting (starry_night.jpg). Kept outside the repository.
# Usage: bench/neither-photos.sh [OUT]   (default /work/neither-photos; needs apt-get and dpkg-deb)
set -eu
out=${1:-/work/neither-photos}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
apt-get download lomiri-wallpapers-16.04 mate-backgrounds plasma-workspace-wallpapers python3-skimage opencv-doc >/dev/null
for d in *.deb; do mkdir -p "x/${d%%_*}"; dpkg-deb -x "$d" "x/${d%%_*}"; done
mkdir -p "$out"
put() { cp "$1" "$out/$2"; }
for f in Bridge_by_Sander_Klootwijk Dragonfly_by_Bolly Kleiber_by_Lukas_Baubkus Picture_0B_by_freespace \
    Picture_1A_by_freespace Wine_by_Jakkub_Mede aitzgorri_by_Aitzol_Berasategi analogpattern_by_Peter_Nerlich \
    free_by_Peter_Nerlich greentock_by_Peter_Nerlich life_by_Aitzol_Berasategi picosdeeuropa_by_Aitzol_Berasategi \
    seeding_by_Clements_Engelhardt sunset_by_Aitzol_Berasategi; do
  put "x/lomiri-wallpapers-16.04/usr/share/backgrounds/$f.jpg" "lomiri-$f.jpg"
done
for f in Aqua Blinds Dune FreshFlower Garden GreenMeadow LadyBird RainDrops Storm TwoWings Wood YellowFlower; do
  put "x/mate-backgrounds/usr/share/backgrounds/mate/nature/$f.jpg" "mate-$f.jpg"
done
for w in BytheWater ColdRipple ColorfulCups DarkestHour EveningGlow FallenLeaf Grey OneStandsOut Path summer_1am; do
  # the largest picture of each wallpaper
  f=$(find "x/plasma-workspace-wallpapers/usr/share/wallpapers/$w" -path '*contents/images/*' -type f \
      -printf '%s %p\n' | sort -n | tail -1 | cut -d' ' -f2-)
  put "$f" "plasma-$w.${f##*.}"
done
sk=x/python3-skimage/usr/lib/python3/dist-packages/skimage/data
for f in astronaut.png brick.png camera.png cell.png coffee.png coins.png grass.png gravel.png \
    hubble_deep_field.jpg ihc.png microaneurysms.png moon.png motorcycle_left.png page.png retina.jpg rocket.jpg; do
  put "$sk/$f" "skimage-$f"
done
cv=x/opencv-doc/usr/share/doc/opencv-doc/examples/data
for f in aero1.jpg aero3.jpg aloeL.jpg apple.jpg baboon.jpg basketball1.png board.jpg box.png box_in_scene.png \
    building.jpg butterfly.jpg cards.png ela_original.jpg fruits.jpg graf1.png home.jpg left.jpg left01.jpg \
    leuvenA.jpg licenseplate_motion.jpg messi5.jpg orange.jpg pca_test1.jpg rubberwhale1.png smarties.png \
    squirrel_cls.jpg stuff.jpg sudoku.png text_defocus.jpg; do
  put "$cv/$f" "opencv-$f"
done
echo "$(ls "$out" | wc -l) photos in $out"
